import { TIE_KIND_LABELS } from '../../domain/defaults';
import { customKinds } from '../../domain/tie-kinds';
import { TIE_KINDS, type MapSettings } from '../../domain/types';

/**
 * The `<option>`s of every tie-kind picker: the four built-in kinds, then the map's own kinds
 * (grouped, so a user can tell them apart) in the order Map settings lists them.
 */
export function TieKindOptions({ settings }: { settings: Pick<MapSettings, 'tieKinds'> | undefined }) {
  const own = customKinds(settings);
  const builtIn = TIE_KINDS.map((k) => (
    <option key={k} value={k}>
      {TIE_KIND_LABELS[k]}
    </option>
  ));
  if (!own.length) return <>{builtIn}</>;
  return (
    <>
      <optgroup label="Built-in kinds">{builtIn}</optgroup>
      <optgroup label="This map's kinds">
        {own.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name.trim() || 'Unnamed kind'}
          </option>
        ))}
      </optgroup>
    </>
  );
}
