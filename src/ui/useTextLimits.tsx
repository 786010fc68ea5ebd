/**
 * Text fields keep to the limits restore uses (domain/limits.ts): what goes beyond is not kept,
 * and the field says so under it, naming the limit, so nothing is accepted on screen that the
 * next load would have to cut.
 */
import { useState } from 'react';
import { cutText, limitMessage, TEXT_LIMITS, type TextLimitKey } from '../domain/limits';

export interface TextLimits {
  /** The value the field may keep; notes `field` as over its limit when it was cut. */
  accept(field: string, limit: TextLimitKey, value: string): string;
  /** The message to show under `field`, if its last change was cut. */
  messageFor(field: string): string | null;
}

export function useTextLimits(): TextLimits {
  const [over, setOver] = useState<{ field: string; limit: TextLimitKey } | null>(null);
  return {
    accept(field, limit, value) {
      const max = TEXT_LIMITS[limit];
      if (value.length > max) {
        if (over?.field !== field || over.limit !== limit) setOver({ field, limit });
        return cutText(value, max);
      }
      if (over?.field === field && value.length < max) setOver(null);
      return value;
    },
    messageFor(field) {
      return over?.field === field ? limitMessage(over.limit) : null;
    },
  };
}

/** The line under a field that refused text beyond its limit. */
export function LimitNote({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p className="field__hint field__hint--error" id={id} role="status" data-testid="limit-note">
      {message}
    </p>
  );
}
