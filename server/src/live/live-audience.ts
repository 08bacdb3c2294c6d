import type { BroadcastOperator } from 'socket.io';
import type { LiveFeedUpdate, LiveServerToClientEvents } from '@ioc/shared';
import { scopeRoom } from './live-stream.service';

/**
 * Who may read what inside a scope, in rooms. A scope's updates go to its room once for all its
 * followers; the feed is the one scope whose content depends on the follower: a wall not
 * configured to show citizens' comment text must never receive it. Such connections follow
 * `feed` in its room (heartbeats reach them as anyone) and also sit in FEED_WITHOUT_COMMENTS_ROOM;
 * an update goes whole to the feed room except them, and without comments to them: one copy
 * redacted per update, not per connection.
 */
export const FEED_WITHOUT_COMMENTS_ROOM = 'audience:feed-without-comments';

/** The room of the sockets of one session, one display: revocation reaches them on any process. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}
export function displayRoom(displayId: string): string {
  return `display:${displayId}`;
}

export function feedWithoutComments(update: LiveFeedUpdate): LiveFeedUpdate {
  return {
    ...update,
    feed: {
      ...update.feed,
      commentsWithheld: true,
      lowRatings: update.feed.lowRatings.map((rating) => ({ ...rating, comment: null })),
    },
  };
}

/** What emitting to a room needs (socket.io's namespace, or a test's stand-in). */
export interface LiveRooms {
  to(room: string | string[]): Pick<BroadcastOperator<LiveServerToClientEvents, unknown>, 'emit' | 'except'>;
}

/**
 * Sends a feed update to its followers, each in the form it may read. The sink of the live
 * stream calls this for `live:feed` instead of emitting to the feed's room directly.
 */
export function emitFeed(rooms: LiveRooms, update: LiveFeedUpdate): void {
  rooms.to(scopeRoom('feed')).except(FEED_WITHOUT_COMMENTS_ROOM).emit('live:feed', update);
  rooms.to(FEED_WITHOUT_COMMENTS_ROOM).emit('live:feed', feedWithoutComments(update));
}
