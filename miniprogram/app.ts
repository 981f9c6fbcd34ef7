import { APP_CONFIG } from './config';
import { createTransport, setTransport } from './services/transport';

App<IAppOption>({
  globalData: {},
  onLaunch() {
    setTransport(createTransport(APP_CONFIG.transport));
  },
});
