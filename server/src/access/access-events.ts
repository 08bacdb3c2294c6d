import { Injectable } from '@nestjs/common';
import type { SessionEndReason } from './sessions.repository';

export interface SessionsEnded {
  kind: 'sessions-ended';
  sessionIds: string[];
  reason: SessionEndReason;
  /** Set when a display was revoked: its wall shows "Màn hình đã bị thu hồi" and stays away. */
  displayRevoked: boolean;
}

/** A display's settings changed: its live sockets must follow the feed in the other form. */
export interface DisplayChanged {
  kind: 'display-changed';
  displayId: string;
  showComments: boolean;
}

export type AccessEvent = SessionsEnded | DisplayChanged;

/**
 * What changes the access of open connections, told to whoever holds them (the live gateway),
 * so that the access module never reaches into socket.io itself.
 */
@Injectable()
export class AccessEvents {
  private readonly listeners = new Set<(event: AccessEvent) => void>();

  emit(event: AccessEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: AccessEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
