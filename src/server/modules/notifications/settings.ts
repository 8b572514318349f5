import type { Config } from '../../config.ts';

let mail: Config['mail'] = { smtpUrl: undefined, from: '', publicUrl: '' };

/** Called once by buildApp: whether e-mail is on (SMTP_URL set), the sender, the app's URL. */
export function configureNotifications(config: Pick<Config, 'mail'>) {
  mail = config.mail;
}

export const mailSettings = () => mail;
