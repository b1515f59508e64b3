// 第26条第2項、第36条第2項、第43条第2項 (Art. 26(2), 36(2), 43(2)): 議長及び副議長がともに欠けている期間 / recording the days without chair and vice-chair, which do not count.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Days on which neither chair nor vice-chair held office (Art. 26(2), 36(2), 43(2)).</summary>
public sealed record RecordChairVacancy : CaseCommand
{
    public DateOnly FirstDay { get; init; }
    public DateOnly LastDay { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (FirstDay == default) errors.Add(Fields.Required(nameof(FirstDay), "欠けていた最初の日", "first day of the vacancy"));
        if (LastDay == default) errors.Add(Fields.Required(nameof(LastDay), "欠けていた最後の日", "last day of the vacancy"));
        if (FirstDay != default && LastDay != default && LastDay < FirstDay)
            errors.Add(new FieldError(nameof(LastDay), "最後の日が最初の日より前です。", "The last day is before the first day."));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        return [new ChairVacancyRecorded(c.Id, FirstDay, LastDay, Context(now, articles.ChairVacancy, "議長及び副議長がともに欠けている期間 / chair and vice-chair both absent"))];
    }
}
