import { AccountsPage as AccountsList, type AccountsSlots } from '../../features/accounts/accounts-page.tsx';
import { HandOverDialog } from '../../features/assignments/hand-over-dialog.tsx';
import { LinkPersonDialog } from '../../features/assignments/link-person-dialog.tsx';

/** 账号管理 with the assignments feature's dialogs (link a person, 工作交接). */
const slots: AccountsSlots = {
  linkPerson: (account, onClose) => <LinkPersonDialog account={account} onClose={onClose} />,
  handOver: (open, onClose, onDone) => <HandOverDialog open={open} onClose={onClose} onDone={onDone} />,
};

export const AccountsPage = () => <AccountsList slots={slots} />;
