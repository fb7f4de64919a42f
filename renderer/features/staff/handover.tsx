// After adding someone or resetting their password: what to tell them, shown once in the dialog.
import { KeyRound } from 'lucide-react';

export function Handover({ name, username, password }: { name: string; username: string; password: string }) {
  return (
    <div className="handover">
      <p>
        Give {name} these details in person or by phone, not by email. They will be asked to choose their own
        password when they first sign in.
      </p>
      <dl className="handover__details">
        <div>
          <dt>Username</dt>
          <dd className="mono">{username}</dd>
        </div>
        <div>
          <dt>
            <KeyRound aria-hidden="true" size={14} /> Temporary password
          </dt>
          <dd className="mono">{password}</dd>
        </div>
      </dl>
    </div>
  );
}
