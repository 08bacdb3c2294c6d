import { LIVE_NAMESPACE, type LiveRevoked } from '@ioc/shared';
import { io } from 'socket.io-client';
import { LiveClient, type LiveSocket } from './liveClient';
import { reloadIfRedeployed } from './reloadOnDeploy';

/**
 * The app's one socket, for one signed-in session (the browser sends the session cookie).
 * Reconnects back off from 1 s to 10 s, randomised, so a hundred walls coming back after a deploy
 * do not all knock at once. `onRevoked` hears that the credential ended (revoked, expired).
 */
export function createLiveClient(onRevoked: (revoked: LiveRevoked | null) => void): LiveClient {
  const socket: LiveSocket = io(LIVE_NAMESPACE, {
    transports: ['websocket'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
  const client = new LiveClient(socket, onRevoked);
  client.onServerVersion(reloadIfRedeployed);
  return client;
}
