import { useTranslation } from 'react-i18next';
import type { KeyPermissionsView } from '#core/contract/index.ts';
import { permissionTone, permissionWord } from '../keyWords.ts';

/** The four answers that matter, each with a colour that says whether it is good for the person. */
export function PermissionLines({ permissions }: { permissions: KeyPermissionsView }) {
  const { t } = useTranslation();
  const leverage = permissions.futuresEnabled === true || permissions.marginEnabled === true
    ? true
    : permissions.futuresEnabled === false && permissions.marginEnabled === false ? false : 'unknown';
  const ipWord = permissions.ipRestricted === true && permissions.ipAllowlist && permissions.ipAllowlist.length > 0
    ? t('keys.wizard.result.value.ipOnList', { list: permissions.ipAllowlist.join(', ') })
    : t(permissionWord(permissions.ipRestricted, 'ipOn', 'ipOff'));
  const rows = [
    { id: 'withdrawals', tone: permissionTone(permissions.canWithdraw, false), word: t(permissionWord(permissions.canWithdraw, 'withdrawOn', 'withdrawOff')) },
    { id: 'trading', tone: permissionTone(permissions.canTrade, true), word: t(permissionWord(permissions.canTrade, 'tradeOn', 'tradeOff')) },
    { id: 'leverage', tone: permissionTone(leverage, false), word: t(permissionWord(leverage, 'leverageOn', 'leverageOff')) },
    { id: 'ipRestriction', tone: permissionTone(permissions.ipRestricted, true), word: ipWord },
  ];
  return (
    <dl className="keys-permissions" aria-label={t('keys.wizard.result.permissionsLabel')}>
      {rows.map((row) => (
        <div key={row.id} data-tone={row.tone}>
          <dt>{t(`keys.wizard.result.${row.id}`)}</dt>
          <dd>{row.word}</dd>
        </div>
      ))}
    </dl>
  );
}
