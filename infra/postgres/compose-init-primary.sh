# shellcheck shell=bash
# Run (sourced) by the postgres image once, after it made a new primary (compose-node.sh): Rembuk's database
# and users, and pg_hba.conf lines that let them in from the compose network with their passwords. The image
# restarts the server next, which reads them.
bash /rembuk-postgres/primary-setup.sh --hba-allow all --no-reload
