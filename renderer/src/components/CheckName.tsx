// A check type's translated name; a type this version does not know is shown as it was sent.
import { useTranslation } from 'react-i18next';
import { isCheckType } from '../../../shared/diagnosis/types.ts';

export function CheckName({ type }: { type: string }) {
  const { t } = useTranslation();
  return <>{isCheckType(type) ? t(`checks.${type}`) : type}</>;
}
