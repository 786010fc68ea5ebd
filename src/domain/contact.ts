/**
 * Contact fields of a person (optional on the record): further e-mails, phone, company, LinkedIn
 * URL. One place turns text from a form or a file into those fields, so an empty value is always
 * an absent field (old records and new ones look the same) and every limit is kept.
 */
import { cutText, MAX_OTHER_EMAILS, TEXT_LIMITS } from './limits';
import type { Stakeholder } from './types';

export type ContactField = 'otherEmails' | 'phone' | 'company' | 'linkedinUrl';
export const CONTACT_FIELDS: readonly ContactField[] = ['otherEmails', 'phone', 'company', 'linkedinUrl'];

export interface ContactText {
  otherEmails?: string[] | string;
  phone?: string;
  company?: string;
  linkedinUrl?: string;
}

/** E-mail addresses from a list typed or read as one text: separated by ";", "," or line breaks. */
export function splitEmails(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[;,\n\r]+/)) {
    const e = part.trim();
    if (!e || seen.has(e.toLowerCase())) continue;
    seen.add(e.toLowerCase());
    out.push(cutText(e, TEXT_LIMITS.email));
    if (out.length >= MAX_OTHER_EMAILS) break;
  }
  return out;
}

/**
 * A copy of `person` with the given contact fields set; a field given as empty is removed. Fields
 * not named in `patch` are kept as they are.
 */
export function withContact<T extends Stakeholder>(person: T, patch: ContactText): T {
  const out: T = { ...person };
  if (patch.otherEmails !== undefined) {
    const list = typeof patch.otherEmails === 'string' ? splitEmails(patch.otherEmails) : splitEmails(patch.otherEmails.join('\n'));
    if (list.length) out.otherEmails = list;
    else delete out.otherEmails;
  }
  const single = (key: 'phone' | 'company' | 'linkedinUrl', limit: number) => {
    const value = patch[key];
    if (value === undefined) return;
    const v = cutText(value.trim(), limit);
    if (v) out[key] = v;
    else delete out[key];
  };
  single('phone', TEXT_LIMITS.phone);
  single('company', TEXT_LIMITS.company);
  single('linkedinUrl', TEXT_LIMITS.url);
  return out;
}

/** Every e-mail address of a person, the main one first. */
export function emailsOf(person: Pick<Stakeholder, 'email' | 'otherEmails'>): string[] {
  const out: string[] = [];
  if (person.email.trim()) out.push(person.email.trim());
  if (person.otherEmails) for (const e of person.otherEmails) if (e.trim()) out.push(e.trim());
  return out;
}
