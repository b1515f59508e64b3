using AuditLedger.Deadlines.Profiles;
using CsCheck;
using NodaTime;

namespace AuditLedger.Deadlines.Tests;

// Properties over random facts. Starts are drawn so that every period stays inside the calendar's coverage.
public class DeadlinePropertyTests
{
    private static readonly LocalDate Epoch = new(2019, 1, 1);

    // Up to September 2099: the published years and the years derived from 祝日法 alike.
    private static readonly Gen<LocalDate> GenStart = Gen.Int[0, 29462].Select(d => Epoch.PlusDays(d));

    private static readonly Gen<(int Offset, int Length)> GenSpan = Gen.Select(Gen.Int[-5, 70], Gen.Int[0, 15]);

    private static readonly Gen<string> GenUrayasuClock = Pick(ClockIds.All.ToArray());

    private static readonly Gen<string> GenExtendableClock = Pick([ClockIds.DisclosureDecision, ClockIds.CorrectionDecision, ClockIds.SuspensionDecision]);

    private static readonly Gen<(string Jurisdiction, string Clock)> GenAnyClock =
        Pick(
            Profiles.Urayasu.Clocks.Keys.Select(c => ("urayasu-council", c))
                .Concat(Profiles.Nagareyama.Clocks.Keys.Select(c => ("nagareyama-city", c))).ToArray());

    private static Gen<T> Pick<T>(T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static JurisdictionProfile Profile(string id) => id == "urayasu-council" ? Profiles.Urayasu : Profiles.Nagareyama;

    private static DeadlineFacts Facts(LocalDate start, (int Offset, int Length)[] corrections, (int Offset, int Length)[] vacancies, int extension = 0) =>
        new(start)
        {
            FormCorrections = corrections.Select(c => new FormCorrection(start.PlusDays(c.Offset), start.PlusDays(c.Offset + c.Length))).ToList(),
            ChairVacancies = vacancies.Select(v => new DayRange(start.PlusDays(v.Offset), start.PlusDays(v.Offset + v.Length))).ToList(),
            ExtensionDays = extension,
        };

    [Fact]
    public void a_pause_never_makes_the_due_date_earlier() =>
        Gen.Select(GenStart, GenUrayasuClock, GenSpan.Array[0, 3], GenSpan.Array[0, 3]).Sample((start, clock, corrections, vacancies) =>
        {
            var without = DeadlineEngine.Compute(Profiles.Urayasu, clock, new DeadlineFacts(start)).DueDate;
            var with = DeadlineEngine.Compute(Profiles.Urayasu, clock, Facts(start, corrections, vacancies)).DueDate;
            return with >= without;
        });

    [Fact]
    public void adding_a_pause_to_existing_pauses_never_makes_the_due_date_earlier() =>
        Gen.Select(GenStart, GenExtendableClock, GenSpan.Array[0, 3], GenSpan).Sample((start, clock, pauses, extra) =>
        {
            var before = DeadlineEngine.Compute(Profiles.Urayasu, clock, Facts(start, pauses, [])).DueDate;
            var after = DeadlineEngine.Compute(Profiles.Urayasu, clock, Facts(start, pauses, [extra])).DueDate;
            return after >= before;
        });

    [Fact]
    public void an_extension_of_n_days_is_never_earlier_nor_later_than_n_days_plus_the_closed_day_adjustment() =>
        Gen.Select(GenStart, GenExtendableClock, Gen.Int[0, 30]).Sample((start, clock, n) =>
        {
            var baseline = DeadlineEngine.Compute(Profiles.Urayasu, clock, new DeadlineFacts(start));
            var extended = DeadlineEngine.Compute(Profiles.Urayasu, clock, new DeadlineFacts(start) { ExtensionDays = n });
            var closedDayAdds = Period.DaysBetween(extended.UnadjustedDate, extended.DueDate);
            return extended.DueDate >= baseline.DueDate
                && extended.DueDate <= baseline.UnadjustedDate.PlusDays(n + closedDayAdds);
        });

    [Fact]
    public void the_engine_never_returns_a_date_before_the_start() =>
        Gen.Select(GenStart, GenAnyClock, GenSpan.Array[0, 2], GenSpan.Array[0, 2]).Sample((start, jc, corrections, vacancies) =>
        {
            var result = DeadlineEngine.Compute(Profile(jc.Jurisdiction), jc.Clock, Facts(start, corrections, vacancies));
            return result.DueDate > start && result.DueDate >= result.UnadjustedDate;
        });

    [Fact]
    public void the_due_date_is_always_an_open_day_when_the_clock_moves_closed_days() =>
        Gen.Select(GenStart, GenAnyClock).Sample((start, jc) =>
        {
            var profile = Profile(jc.Jurisdiction);
            var due = DeadlineEngine.Compute(profile, jc.Clock, new DeadlineFacts(start)).DueDate;
            return !profile.OfficeClosed.IsClosed(due, profile.Calendar);
        });
}
