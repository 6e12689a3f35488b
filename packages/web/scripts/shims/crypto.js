// ExcelJS needs Node's crypto only to hash a sheet-protection password; the page protects sheets
// without one (like `sunan template`), so a password is refused rather than shipped 300 KB of code.
const refuse = () => {
  throw new Error('password protection is not available in the page');
};
export const randomBytes = refuse;
export const createHash = refuse;
export default { randomBytes, createHash };
