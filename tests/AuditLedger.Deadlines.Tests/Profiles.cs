using AuditLedger.Deadlines.Profiles;
using NodaTime;
using NodaTime.Text;

namespace AuditLedger.Deadlines.Tests;

internal static class Profiles
{
    private static readonly Lazy<ProfileCatalog> Catalog = new(() => ProfileLoader.LoadCatalog());

    public static JurisdictionProfile Urayasu => Catalog.Value.Get("urayasu-council");
    public static JurisdictionProfile Nagareyama => Catalog.Value.Get("nagareyama-city");

    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static DeadlineResult Due(JurisdictionProfile p, string clock, string start, int extension = 0,
        (string, string)[]? corrections = null, (string, string)[]? vacancies = null) =>
        DeadlineEngine.Compute(p, clock, new DeadlineFacts(D(start))
        {
            ExtensionDays = extension,
            FormCorrections = (corrections ?? []).Select(c => new FormCorrection(D(c.Item1), D(c.Item2))).ToList(),
            ChairVacancies = (vacancies ?? []).Select(v => new DayRange(D(v.Item1), D(v.Item2))).ToList(),
        });
}
