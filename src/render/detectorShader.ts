import { DENSE_KNEE, DENSE_ROLL, SHUTTER_LEVEL, TONE_LIFT, VIGNETTE } from '../../sim/imaging';

/**
 * The per-pixel detector chain as a WebGL2 fragment shader, run once per frame at the display
 * size. It is `developValue` (detectorPass.ts) term by term; the quantum noise is added on the CPU
 * at map resolution just before the upload (`addQuantumNoise`, the same `noisyIntegral` that
 * developValue calls), so the shader reads one texture and does no transcendental maths: under a
 * software GPU (SwiftShader) every texture read and every operation of every fragment is paid on
 * the CPU, so the constant parts of developValue are folded into uniforms on the CPU and the
 * shutters are geometry (fieldGeometry.ts), not a test per fragment.
 *
 * | developValue (CPU reference)                 | GPU                                              |
 * |----------------------------------------------|--------------------------------------------------|
 * | a + noise: noisyIntegral(a, n, sigma, window)| texture(uMap, vUV).r (noise already in the map)  |
 * | rr > 1 -> 0 (outside the round field)        | step(dot(p, p), 0.25); the pieces cover a 16-gon round the field |
 * | outside the shutters -> SHUTTER_LEVEL gain   | the shuttered pieces, SHUTTER_FRAGMENT           |
 * | gain = 1 - VIGNETTE rr, rr = 4 (px^2 + py^2) | 1 - 4 VIGNETTE dot(p, p), p = vUV - 0.5 (the sign of y does not matter) |
 * | s = (hi - a) / (hi - lo)                     | a uWindow.x + uWindow.y, uWindow = (-1, hi) / (hi - lo) |
 * | s = rollOffDense(s)                          | the same knee: K R / (R + K - s) below K = DENSE_KNEE, else min(s, 1) |
 * | inverted -> 1 - s; s (1 + TONE_LIFT (1 - s)) | one quadratic (uTone.x s + uTone.y) s + uTone.z: (-T, 1 + T, 0), inverted (-T, T - 1, 1) |
 * | the result times gain                        | same                                             |
 *
 * The map (256 px) is linear-filtered up to the display: at map pixel centres shader and
 * reference agree exactly; in between the shader develops the interpolated integral where the
 * reference would interpolate grey levels, equal wherever the window does not clip.
 */
const f = (x: number): string => x.toFixed(6);

export const DETECTOR_VERTEX = /* glsl */ `
in vec2 aPosition;
in vec2 aUV;
out vec2 vUV;
uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;
void main() {
  mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
  gl_Position = vec4((mvp * vec3(aPosition, 1.0)).xy, 0.0, 1.0);
  vUV = aUV;
}
`;

export const DETECTOR_FRAGMENT = /* glsl */ `
in vec2 vUV;
out vec4 finalColor;
uniform sampler2D uMap;
uniform vec2 uWindow;
uniform vec3 uTone;
void main() {
  vec2 p = vUV - 0.5;
  float s = texture(uMap, vUV).r * uWindow.x + uWindow.y;
  s = s < ${f(DENSE_KNEE)} ? ${f(DENSE_KNEE * DENSE_ROLL)} / (${f(DENSE_ROLL + DENSE_KNEE)} - s) : min(s, 1.0);
  float rr = dot(p, p);
  float v = ((uTone.x * s + uTone.y) * s + uTone.z) * (1.0 - ${f(4 * VIGNETTE)} * rr) * step(rr, 0.25);
  finalColor = vec4(v, v, v, 1.0);
}
`;

/** Behind the shutters: the attenuated level, vignetted, no map read. */
export const SHUTTER_FRAGMENT = /* glsl */ `
in vec2 vUV;
out vec4 finalColor;
void main() {
  vec2 p = vUV - 0.5;
  float rr = dot(p, p);
  float v = ${f(SHUTTER_LEVEL)} * (1.0 - ${f(4 * VIGNETTE)} * rr) * step(rr, 0.25);
  finalColor = vec4(v, v, v, 1.0);
}
`;

/** The uniforms of DETECTOR_FRAGMENT for a display window and the inversion switch. */
export function detectorUniforms(
  window: { lo: number; hi: number },
  inverted: boolean,
): { uWindow: [number, number]; uTone: [number, number, number] } {
  const k = 1 / (window.hi - window.lo);
  const t = TONE_LIFT;
  return {
    uWindow: [-k, window.hi * k],
    uTone: inverted ? [-t, t - 1, 1] : [-t, 1 + t, 0],
  };
}

/** The benchmark's floor: the same quad with a trivial fragment shader (one texture read). */
export const FLOOR_FRAGMENT = /* glsl */ `
in vec2 vUV;
out vec4 finalColor;
uniform sampler2D uMap;
void main() {
  finalColor = vec4(texture(uMap, vUV).rrr, 1.0);
}
`;
