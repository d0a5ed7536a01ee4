import { Injectable } from '@nestjs/common'
import { errors, jwtVerify, SignJWT } from 'jose'
import { AppConfig } from '../config/app-config.js'
import { secretFromDataDir } from './token-secret.js'

export interface TokenClaims {
  memberId: string
  schoolId: string
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The session has expired; sign in again' : 'The token is not valid')
    this.name = 'InvalidTokenError'
  }
}

const issuer = 'rembuk'

/** Signed, expiring session tokens (JWT, HS256). */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.tokenSecret ?? secretFromDataDir(config.dataDir))
  }

  sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ sch: claims.schoolId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.memberId)
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.key)
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer, algorithms: ['HS256'] })
      if (typeof payload.sub !== 'string' || typeof payload.sch !== 'string')
        throw new InvalidTokenError('invalid')
      return { memberId: payload.sub, schoolId: payload.sch }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired')
      throw new InvalidTokenError('invalid')
    }
  }
}
