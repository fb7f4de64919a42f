// Shown to the owner while the practice's recovery key has not been confirmed as kept (setup was
// left before the confirmation, or a new key was never confirmed).
import { Button } from '../../ui/button.tsx';
import { Banner } from '../../ui/banner.tsx';

export function RecoveryKeyBanner({ onGenerate }: { onGenerate: () => void }) {
  return (
    <Banner
      tone="warning"
      className="shell__banner"
      title="The practice has no confirmed recovery key"
      actions={
        <Button size="sm" variant="primary" onClick={onGenerate}>
          Generate a new recovery key
        </Button>
      }
    >
      Without one, a forgotten password or a new computer could lock everyone out of the records. The earlier
      key cannot be shown again, so generate a new one and store it safely.
    </Banner>
  );
}
