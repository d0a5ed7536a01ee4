import { createRouter, createWebHistory } from 'vue-router'
import { loadPracticeMessages } from './i18n/index.js'
import DashboardScreen from './screens/DashboardScreen.vue'
import SignInScreen from './screens/SignInScreen.vue'
import { useSessionStore } from './stores/session.js'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: DashboardScreen },
    { path: '/masuk', name: 'sign-in', component: SignInScreen, meta: { public: true } },
    {
      path: '/rencana/:planId',
      name: 'plan',
      component: () => import('./screens/PlanScreen.vue'),
      props: true,
    },
    { path: '/peta/:mapId', name: 'map', component: () => import('./screens/MapScreen.vue'), props: true },
    {
      path: '/riwayat/:docId',
      name: 'history',
      component: () => import('./screens/HistoryScreen.vue'),
      props: true,
    },
    {
      path: '/keputusan',
      name: 'decisions',
      component: () => import('./screens/DecisionBoardScreen.vue'),
    },
    {
      path: '/keputusan/:decisionId',
      name: 'decision',
      component: () => import('./screens/DecisionScreen.vue'),
      props: true,
    },
    {
      path: '/rapat/:meetingId',
      name: 'meeting',
      component: () => import('./screens/MeetingScreen.vue'),
      props: true,
    },
    {
      path: '/mengajar-bersama',
      name: 'team-teaching-list',
      component: () => import('./screens/TeachingListScreen.vue'),
    },
    {
      path: '/mengajar-bersama/:teachingId',
      name: 'team-teaching',
      component: () => import('./screens/TeachingScreen.vue'),
      props: true,
    },
    {
      path: '/observasi',
      name: 'walkthroughs',
      component: () => import('./screens/WalkthroughListScreen.vue'),
    },
    {
      path: '/observasi/tindak-lanjut',
      name: 'walkthrough-hub',
      component: () => import('./screens/WalkthroughHubScreen.vue'),
    },
    {
      path: '/observasi/:walkthroughId',
      name: 'walkthrough',
      component: () => import('./screens/WalkthroughScreen.vue'),
      props: true,
    },
    { path: '/kelompok', name: 'groups', component: () => import('./screens/GroupsScreen.vue') },
    {
      path: '/kelompok/:groupId',
      name: 'group',
      component: () => import('./screens/GroupScreen.vue'),
      props: true,
    },
    {
      path: '/forum/:month(\\d{4}-\\d{2})',
      name: 'forum',
      component: () => import('./screens/ForumScreen.vue'),
      props: true,
    },
    {
      path: '/telaah-soal',
      name: 'item-reviews',
      component: () => import('./screens/ItemReviewsScreen.vue'),
    },
    {
      path: '/telaah-soal/:reviewId',
      name: 'item-review',
      component: () => import('./screens/ItemReviewScreen.vue'),
      props: true,
    },
    {
      path: '/pts',
      name: 'research-list',
      component: () => import('./screens/ResearchListScreen.vue'),
    },
    {
      path: '/pts/:researchId',
      name: 'research',
      component: () => import('./screens/ResearchScreen.vue'),
      props: true,
    },
    { path: '/anggota', name: 'members', component: () => import('./screens/MembersScreen.vue') },
    { path: '/sekolah-pada', name: 'as-of', component: () => import('./screens/AsOfScreen.vue') },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./screens/NotFoundScreen.vue') },
  ],
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!to.meta.public && !session.session) return { name: 'sign-in', query: { next: to.fullPath } }
  if (to.name === 'sign-in' && session.session) return { name: 'dashboard' }
  if (!to.meta.public && to.name !== 'dashboard') await loadPracticeMessages()
  return true
})
