// "Sign out" on a screen that stands between sign-in and the app (a forced password change, a
// forced second-factor enrolment): the one way out besides finishing it.
import { useMutation } from '@tanstack/react-query';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/button.tsx';

export function SignOutButton() {
  const { signOut } = useSession();
  const leave = useMutation({ mutationFn: signOut });
  return (
    <Button
      variant="ghost"
      busy={leave.isPending}
      onClick={() => {
        leave.mutate();
      }}
    >
      Sign out
    </Button>
  );
}
