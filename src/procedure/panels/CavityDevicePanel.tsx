import type { CommandType, TrainingMode } from '../../../sim/core';
import { cavityDeviceName, type BalloonView, type HeightView } from '../../../sim/instruments';
import { fixed } from '../../ui/format';
import { Panel, Readout } from '../../ui/Panel';
import type { KeyAction } from '../input/actionTypes';
import { shows } from '../examVisibility';
import { BalloonControls } from './BalloonControls';
import { HeightRestoration } from './HeightRestoration';
import './balloon.css';

interface Props {
  /** The ball tamp's or mesh container's view (BalloonView with `device` set). */
  readonly view: BalloonView & { readonly device: 'ballTamp' | 'meshContainer' };
  readonly height: HeightView;
  readonly mode: TrainingMode;
  readonly allowed: readonly CommandType[];
  readonly onAction: (action: KeyAction) => void;
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

/**
 * The cavity stage with a device other than the balloon (sim/instruments/ballTamp.ts,
 * meshContainer.ts), driven by the same keys as the balloon's syringe. The ball tamp: how far its
 * handle has opened it against its fixed sphere, the cavity and endplate contact (no manometer: a
 * screw). The mesh container: deployed or not and the volume it will hold; insert deploys it,
 * remove withdraws its pusher, and the cement stage fills it. An exam hides the cavity, the
 * endplate contact and the heights, as it does for the balloon (examVisibility.ts).
 */
export function CavityDevicePanel({ view: v, height, mode, allowed, onAction, collapsed }: Props) {
  const show = (item: Parameters<typeof shows>[1]) => shows(mode, item);
  const name = cavityDeviceName(v.device);
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  const tamp = v.device === 'ballTamp';
  const fullMl = (Math.PI * v.lengthMm ** 3) / 6 / 1000;
  return (
    <Panel
      title={title}
      testId="balloon-panel"
      collapsed={collapsed}
      aside={
        <span className="badge" data-testid="cavity-device">
          {tamp ? `${v.lengthMm} mm sphere · ${fixed(fullMl, 1)} mL` : `${fixed(fullMl, 1)} mL PET mesh`}
        </span>
      }
    >
      {!v.inserted ? (
        <p className="muted">{tamp ? 'Not inserted.' : 'Not deployed.'}</p>
      ) : tamp ? (
        <div>
          <Readout
            label={`Opened (max ${fixed(fullMl, 2)})`}
            value={fixed(v.volumeMl, 2)}
            unit="mL"
            testId="balloon-volume"
          />
          {show('balloon.cavity') && (
            <Readout label="Cavity" value={fixed(v.cavityMl, 2)} unit="mL" testId="balloon-cavity" />
          )}
          {show('balloon.endplateContact') && v.endplateContact && (
            <Readout
              label="Endplate"
              value={v.endplateContactMl != null ? `at ${fixed(v.endplateContactMl, 2)} mL` : 'contact'}
              tone="warn"
              testId="balloon-endplate"
            />
          )}
        </div>
      ) : (
        <p className="muted" data-testid="mesh-deployed">
          Deployed: the cement stage fills it ({fixed(v.cavityMl, 1)} mL) before any cement passes its pores.
        </p>
      )}
      <BalloonControls allowed={allowed} onAction={onAction} />
      {show('balloon.heightRestoration') && <HeightRestoration height={height} />}
    </Panel>
  );
}
