/** Danish CVR: 8 digits, weighted 2-7-6-5-4-3-2-1, sum divisible by 11. */
export function isValidCvr(value: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(value)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = [...value].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return sum % 11 === 0;
}

/** Swedish organisation number: 10 digits (NNNNNN-NNNN), the last a Luhn check digit. */
export function isValidOrgNumber(value: string): boolean {
  if (!/^[0-9]{10}$/.test(value)) return false;
  return luhnCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Accepts the ways people write them: "DK 12 34 56 78", "556036-0793". */
export function normaliseCompanyNumber(value: string): string {
  return value.replace(/^(DK|SE)/i, '').replace(/[\s-]/g, '');
}

/** The check digit that makes seven digits a valid CVR, or null when none does (then try others). */
export function cvrCheckDigit(seven: string): number | null {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  const sum = [...seven].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const d = (11 - (sum % 11)) % 11;
  return d === 10 ? null : d;
}

/** A CVR as people write it ("DK 12 34 56 78", "DK-12345678", "12.34.56.78") reduced to its digits. */
export function normaliseCvr(value: string): string {
  return value.trim().replace(/^DK[\s-]*/i, '').replace(/[\s.-]/g, '');
}

/**
 * A Swedish organisation number as people write it reduced to its ten digits: "556036-0793",
 * the VAT form "SE556036079301" (country prefix, ten digits, "01"), and the twelve-digit form
 * with the century ("16556036-0793", as the tax agency writes it).
 */
export function normaliseOrgNumber(value: string): string {
  const trimmed = value.trim();
  const vat = /^SE/i.test(trimmed);
  const digits = trimmed.replace(/^SE[\s-]*/i, '').replace(/[\s.-]/g, '');
  if (/^[0-9]{12}$/.test(digits)) {
    if (vat && digits.endsWith('01')) return digits.slice(0, 10);
    if (/^(16|18|19|20)/.test(digits)) return digits.slice(2);
  }
  return digits;
}
