import Holidays from 'date-holidays';
import { HOLIDAY_SUBDIVISION, type Nation } from './nations.js';

/** Bank holidays of one nation, by date (YYYY-MM-DD) → name; each year computed once and kept. */
export class BankHolidays {
  private readonly source: Holidays;
  private readonly years = new Map<number, ReadonlyMap<string, string>>();

  constructor(readonly nation: Nation) {
    this.source = new Holidays('GB', HOLIDAY_SUBDIVISION[nation]);
  }

  /** The holiday's name, or undefined on an ordinary day. */
  nameOf(date: string): string | undefined {
    return this.forYear(Number(date.slice(0, 4))).get(date);
  }

  forYear(year: number): ReadonlyMap<string, string> {
    let days = this.years.get(year);
    if (!days) {
      days = new Map(
        this.source
          .getHolidays(year)
          // 'observance' covers Mother's Day, Easter Sunday and the like: not days off.
          .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
          .map((holiday) => [holiday.date.slice(0, 10), holiday.name] as const),
      );
      this.years.set(year, days);
    }
    return days;
  }
}
