// ExcelJS's CSV support (fast-csv, Node streams) is not used by the page: workbooks only.
module.exports = class CSV {
  constructor() {
    throw new Error('CSV is not available in the page');
  }
};
