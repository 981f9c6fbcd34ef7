// The lanes' printed codes opened in a plain browser (HTTP access path /p, protocol note 12).
import { createH5Main } from '../../server/parking/h5/main';

export const main = createH5Main();
