import type { McForm } from '../store/analysis-slice';
import { corrKey, corrText } from './specs';

/** Volatilities and the correlation matrix: the upper triangle is edited, the lower mirrors it. */
export function CorrelationEditor({ form, onChange, errors }: { form: McForm; onChange(p: Partial<McForm>): void; errors: string[] }) {
  if (form.assets.length === 0) return null;
  const setCorr = (i: number, j: number, v: string) => onChange({ corr: { ...form.corr, [corrKey(form.assets[i] as string, form.assets[j] as string)]: v } });
  return (
    <div className={`an-matrix${errors.length > 0 ? ' has-error' : ''}`} data-testid="mc-matrix">
      <table>
        <thead>
          <tr>
            <th />
            <th title="Standard deviation of the log return over the horizon">
              vol<span className="th-unit">log return</span>
            </th>
            {form.assets.map((a) => (
              <th key={a}>ρ {a}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {form.assets.map((a, i) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              <td>
                <input aria-label={`Volatility of ${a}`} value={form.vols[a] ?? ''} onChange={(e) => onChange({ vols: { ...form.vols, [a]: e.target.value } })} data-testid={`mc-vol-${a}`} />
              </td>
              {form.assets.map((b, j) =>
                j > i ? (
                  <td key={b}>
                    <input aria-label={`Correlation of ${a} and ${b}`} value={corrText(form, i, j)} onChange={(e) => setCorr(i, j, e.target.value)} />
                  </td>
                ) : (
                  <td key={b} className="an-mirror">
                    {corrText(form, i, j)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > 0 ? (
        <p className="field-error" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
