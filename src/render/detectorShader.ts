import { DENSE_KNEE, DENSE_ROLL, SHUTTER_LEVEL, TONE_LIFT, VIGNETTE } from '../../sim/imaging';

/**
 * The per-pixel detector chain as a WebGL2 fragment shader, run once per frame at the display
 * size over a full-screen quad. It is `developValue` (detectorPass.ts) term by term; the quantum
 * noise is added on the CPU at map resolution just before the upload (`addQuantumNoise`, the same
 * `noisyIntegral` that developValue calls), so the shader reads one texture and does no
 * transcendental maths: under a software GPU (SwiftShader) each texture read and each exp/pow
 * costs about as much as a bare full-screen pass.
 *
 * | developValue (CPU reference)                 | shader                                           |
 * |----------------------------------------------|--------------------------------------------------|
 * | a + noise: noisyIntegral(a, n, sigma, window)| texture(uMap, vUV).r (noise already in the map)  |
 * | px, py = pixel centre / field diameter       | vUV.x - 0.5, 0.5 - vUV.y                         |
 * | rr > 1 -> 0 (outside the round field)        | step(rr, 1)                                      |
 * | gain = 1 - VIGNETTE rr                       | same                                             |
 * | outside the shutters -> SHUTTER_LEVEL gain   | mix(SHUTTER_LEVEL, g, inside); uShutter = half-sizes / field diameter |
 * | s = rollOffDense((hi - a) / (hi - lo))       | uWindow = (hi, 1 / (hi - lo)); the same knee and roll-off, one division |
 * | inverted -> 1 - s                            | mix(s, 1 - s, uInverted)                         |
 * | s (1 + TONE_LIFT (1 - s)) gain               | same                                             |
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
uniform float uInverted;
uniform vec2 uShutter;
void main() {
  vec2 p = vec2(vUV.x - 0.5, 0.5 - vUV.y);
  float rr = dot(p, p) * 4.0;
  float s = (uWindow.x - texture(uMap, vUV).r) * uWindow.y;
  s = s < ${f(DENSE_KNEE)} ? ${f(DENSE_KNEE)} / (1.0 + (${f(DENSE_KNEE)} - s) / ${f(DENSE_ROLL)}) : min(s, 1.0);
  s = mix(s, 1.0 - s, uInverted);
  float g = s * (1.0 + ${f(TONE_LIFT)} * (1.0 - s));
  float inside = step(abs(p.x), uShutter.x) * step(abs(p.y), uShutter.y);
  float v = mix(${f(SHUTTER_LEVEL)}, g, inside) * (1.0 - ${f(VIGNETTE)} * rr) * step(rr, 1.0);
  finalColor = vec4(v, v, v, 1.0);
}
`;

/** The benchmark's floor: the same quad with a trivial fragment shader (one texture read). */
export const FLOOR_FRAGMENT = /* glsl */ `
in vec2 vUV;
out vec4 finalColor;
uniform sampler2D uMap;
void main() {
  finalColor = vec4(texture(uMap, vUV).rrr, 1.0);
}
`;
