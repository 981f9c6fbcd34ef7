App<IAppOption>({
  globalData: {},
});
