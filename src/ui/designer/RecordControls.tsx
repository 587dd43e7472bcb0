/** Every synthesis parameter and noise source, grouped, built from PARAM_RANGES / NOISE_RANGES. */
import { NOISE_RANGES, PARAM_RANGES, type NoiseLevelParam, type NumericParam, DEFAULT_NOISE, NO_NOISE } from '../../core/signal/params';
import type { SynthParams } from '../../core/signal/types';
import { useDesignerStore } from '../../store/designerStore';
import { ParamSlider } from './ParamSlider';

const GROUPS: { title: string; keys: NumericParam[] }[] = [
  { title: 'Rhythm', keys: ['hrBpm', 'rrStdMs', 'lfHfRatio', 'rsaMs', 'respHz'] },
  { title: 'Intervals & axis', keys: ['prMs', 'qrsMs', 'qtMs', 'axisDeg'] },
  { title: 'Waves', keys: ['pWidthMs', 'pAmpMv', 'qAmpMv', 'rAmpMv', 'sAmpMv', 'rPrimeMv', 'tAmpMv', 'stShiftMv', 'fWaveMv', 'uAmpMv', 'fragMv', 'jitter'] },
];
const NOISE_KEYS: NoiseLevelParam[] = ['baselineMv', 'powerlineMv', 'emgMv', 'motionMv'];

export function RecordControls() {
  const params = useDesignerStore((s) => s.params);
  const noise = useDesignerStore((s) => s.opts.noise);
  const bad = useDesignerStore((s) => s.previewError?.param);
  const setParam = useDesignerStore((s) => s.setParam);
  const setNoise = useDesignerStore((s) => s.setNoise);
  const load = useDesignerStore((s) => s.load);
  const opts = useDesignerStore((s) => s.opts);
  const value = (k: NumericParam): number => (params[k as keyof SynthParams] as number | undefined) ?? PARAM_RANGES[k].min;
  return (
    <div className="control-groups">
      {GROUPS.map((g) => (
        <fieldset key={g.title} className="control-group">
          <legend>{g.title}</legend>
          {g.keys.map((k) =>
            k === 'tPolarity' ? null : (
              <ParamSlider
                key={k}
                testId={`param-${k}`}
                range={PARAM_RANGES[k]}
                value={value(k)}
                invalid={bad === k}
                onChange={(v) => setParam(k as keyof SynthParams, v as never)}
              />
            ),
          )}
          {g.title === 'Intervals & axis' && (
            <div className="param">
              <label className="param-label" htmlFor="qt-mode">
                QT given as
              </label>
              <select id="qt-mode" value={params.qtMode} onChange={(e) => setParam('qtMode', e.target.value as SynthParams['qtMode'])}>
                <option value="direct">QT (direct)</option>
                <option value="bazett">QTc · Bazett</option>
                <option value="fridericia">QTc · Fridericia</option>
              </select>
            </div>
          )}
          {g.title === 'Waves' && (
            <div className="param">
              <label className="param-label" htmlFor="t-pol">
                T-wave polarity
              </label>
              <select id="t-pol" value={params.tPolarity} onChange={(e) => setParam('tPolarity', Number(e.target.value) as 1 | -1)}>
                <option value={1}>Upright</option>
                <option value={-1}>Inverted</option>
              </select>
            </div>
          )}
        </fieldset>
      ))}
      <fieldset className="control-group">
        <legend>Noise</legend>
        {NOISE_KEYS.map((k) => (
          <ParamSlider key={k} testId={`noise-${k}`} range={NOISE_RANGES[k]} value={noise[k]} invalid={bad === `noise.${k}`} onChange={(v) => setNoise(k, v)} />
        ))}
        <div className="param">
          <label className="param-label" htmlFor="pl-hz">
            Mains frequency
          </label>
          <select id="pl-hz" value={noise.powerlineHz} onChange={(e) => setNoise('powerlineHz', Number(e.target.value) as 50 | 60)}>
            <option value={50}>50 Hz</option>
            <option value={60}>60 Hz</option>
          </select>
        </div>
        <div className="row-buttons">
          <button type="button" className="btn small" onClick={() => load(params, { ...opts, noise: { ...NO_NOISE } })}>
            No noise
          </button>
          <button type="button" className="btn small" onClick={() => load(params, { ...opts, noise: { ...DEFAULT_NOISE } })}>
            Default noise
          </button>
        </div>
      </fieldset>
    </div>
  );
}
