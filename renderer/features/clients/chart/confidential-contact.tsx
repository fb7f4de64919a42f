// Confidential communications where the front desk works (45 CFR 164.522(b)): a banner at the top
// of the chart that says what to do ("use the alternative address; no voicemail"), and the card on
// the overview with the details and the button to record or change them.
import { useQueryClient } from '@tanstack/react-query';
import { LockKeyhole } from 'lucide-react';
import { useState } from 'react';
import { draftKey, formatPhone, type ClientRecord } from '../../../../preload/contract.ts';
import {
  confidentialContactSummary,
  type ConfidentialCommunications,
} from '../../../../preload/contract/communications.ts';
import { call } from '../../../api.ts';
import { formatShortDateTime } from '../../../lib/calendar-date.ts';
import { useDraftDialog } from '../../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../../lib/use-form-mutation.ts';
import { Button } from '../../../ui/button.tsx';
import { Card } from '../../../ui/card.tsx';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { legalName } from '../client-format.tsx';
import { clientChanged } from '../client-queries.ts';
import { chartWritable } from './chart-writable.ts';
import { ConfidentialCommunicationsDialog } from './confidential-communications-dialog.tsx';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "Use the alternative address; no voicemail." */
export const confidentialInstruction = (c: ConfidentialCommunications): string =>
  `${capitalize(confidentialContactSummary(c))}.`;

function AddressLines({ c }: { c: ConfidentialCommunications }) {
  if (!c.address) return null;
  return (
    <>
      {c.address.line1}
      {c.address.line2 && `, ${c.address.line2}`}
      <br />
      {c.address.city}, {c.address.region} {c.address.postalCode}
    </>
  );
}

/** The chart header's banner: present only while a request is on file. */
export function ConfidentialContactBanner({ client }: { client: ClientRecord }) {
  const c = client.confidentialCommunications;
  if (!c) return null;
  return (
    <div className="confidential-banner" role="note" aria-label="Confidential contact">
      <LockKeyhole aria-hidden="true" size={18} className="confidential-banner__icon" />
      <div className="confidential-banner__body">
        <p className="confidential-banner__title">
          Confidential contact: <span>{confidentialInstruction(c)}</span>
        </p>
        <p className="confidential-banner__detail">
          {c.address && (
            <span>
              Mail to {c.address.line1}
              {c.address.line2 && `, ${c.address.line2}`}, {c.address.city}, {c.address.region}{' '}
              {c.address.postalCode}
            </span>
          )}
          {c.phone && <span>Call {formatPhone(c.phone)}</span>}
          {c.note && <span>{c.note}</span>}
        </p>
      </div>
    </div>
  );
}

/** The overview's card: the request in full, and (for whoever may edit the chart) record, change, end. */
export function ConfidentialContactCard({ client }: { client: ClientRecord }) {
  const c = client.confidentialCommunications;
  const editing = useDraftDialog(draftKey('confidential-communications', client.id));
  const [ending, setEnding] = useState(false);
  const queryClient = useQueryClient();
  const end = useFormMutation({
    mutationFn: () =>
      call('clients.setConfidentialCommunications', { clientId: client.id, communications: null }),
    onSuccess: (record) => {
      clientChanged(queryClient, record);
      setEnding(false);
    },
  });
  const mayEdit = client.access.editDemographics;
  const writable = chartWritable(client);
  return (
    <Card
      title="Confidential contact"
      icon={<LockKeyhole size={18} />}
      actions={
        mayEdit && (
          <>
            {c && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setEnding(true);
                }}
              >
                End
              </Button>
            )}
            <Button variant="secondary" size="sm" onClick={editing.show}>
              {c ? 'Change' : 'Record request'}
            </Button>
          </>
        )
      }
    >
      {c ? (
        <>
          <p className="confidential-card__instruction">{confidentialInstruction(c)}</p>
          <dl className="facts facts--two">
            <div className="facts__wide">
              <dt>Alternative mailing address</dt>
              <dd>
                {c.address ? <AddressLines c={c} /> : <span className="muted">None: letters go home</span>}
              </dd>
            </div>
            <div>
              <dt>Alternative phone</dt>
              <dd>{c.phone ? formatPhone(c.phone) : <span className="muted">None</span>}</dd>
            </div>
            <div>
              <dt>Voicemail</dt>
              <dd>{c.noVoicemail ? <span className="text-warning">Never leave one</span> : 'Allowed'}</dd>
            </div>
            {c.note && (
              <div className="facts__wide">
                <dt>How to reach them</dt>
                <dd>{c.note}</dd>
              </div>
            )}
          </dl>
          <p className="confidential-card__since">
            On file since {formatShortDateTime(c.since)}. Every letter the app writes uses the alternative
            address.
          </p>
        </>
      ) : (
        <p className="muted">
          None on file.
          {writable &&
            ' When a client asks to be reached at another address or phone, or without voicemail, record it here; do not ask why.'}
        </p>
      )}
      {writable && editing.open && (
        <ConfidentialCommunicationsDialog client={client} onClose={editing.close} />
      )}
      {ending && (
        <ConfirmDialog
          title="End confidential contact?"
          confirmLabel="End it"
          onConfirm={() => {
            end.submit();
          }}
          onClose={() => {
            setEnding(false);
          }}
          variant="danger"
          busy={end.pending}
          problem={end.problem?.message ?? null}
        >
          <p>
            Only when {legalName(client)} no longer asks for it. Letters will go to the home address again,
            and the home phone will be used.
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
