/** Phones are compared after normalisation: digits only, a leading `+` kept. */
export function normalisePhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D+/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}
