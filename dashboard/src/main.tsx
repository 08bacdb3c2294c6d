import { LIVE_NAMESPACE } from '@ioc/shared';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { io } from 'socket.io-client';
import { App } from './App';
import { LiveClient, type LiveSocket } from './live/liveClient';
import { reloadIfRedeployed } from './live/reloadOnDeploy';
import { LiveClientContext } from './live/useLive';
import { applyTheme } from './ui/theme';
import './ui/global.css';

applyTheme(document.documentElement);

// One socket for the whole app. Reconnects back off from 1 s to 10 s (randomised, so a hundred
// walls coming back after a deploy do not all knock at once).
const socket: LiveSocket = io(LIVE_NAMESPACE, {
  transports: ['websocket'],
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 10_000,
  randomizationFactor: 0.5,
});
const live = new LiveClient(socket);
live.onServerVersion(reloadIfRedeployed);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LiveClientContext.Provider value={live}>
      <App />
    </LiveClientContext.Provider>
  </StrictMode>,
);
