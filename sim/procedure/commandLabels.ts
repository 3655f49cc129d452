import type { CommandType } from '../commands';

/** Each command type as a gerund phrase, to build sentences ("Drilling is not part of access."). */
export const COMMAND_LABELS: Readonly<Record<CommandType, string>> = {
  'phase.next': 'Moving on',
  'checklist.tick': 'Ticking the checklist',
  'patient.position': 'Positioning the patient',
  'carm.view': 'Moving the C-arm',
  'carm.adjust': 'Adjusting the C-arm',
  'fluoro.mode': 'Changing the fluoro mode',
  'fluoro.expose': 'Fluoroscopy',
  'local.anaesthetic': 'Local anaesthetic',
  'needle.entry': 'Choosing the skin entry',
  'needle.aim': 'Aiming the trocar',
  'needle.advance': 'Advancing the trocar',
  'channel.drill': 'Drilling',
  'balloon.insert': 'Inserting the balloon',
  'balloon.inflate': 'Inflating the balloon',
  'balloon.deflate': 'Deflating the balloon',
  'balloon.remove': 'Removing the balloon',
  'cement.mix': 'Mixing cement',
  'cement.inject': 'Injecting cement',
  'cement.stop': 'Stopping the injection',
  'instruments.remove': 'Removing the instruments',
  'time.wait': 'Waiting',
  'discharge.decide': 'The discharge decision',
};
