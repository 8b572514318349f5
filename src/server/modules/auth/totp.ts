import { generateSecret, generateURI, verify } from 'otplib';

// RFC 6238 TOTP (30 s steps, 6 digits, SHA-1) as every authenticator app expects.
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'PhốiHợp', label: username, secret });
}

export async function checkTotp(secret: string, token: string): Promise<boolean> {
  // One step of clock drift either way is tolerated.
  const result = await verify({ secret, token, epochTolerance: 30 });
  return result.valid;
}
