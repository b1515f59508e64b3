// 第30条第2項 (Art. 30(2)): 写しの交付に要する費用 / charging the cost of copies; the disclosure itself is free (Art. 30(1)).
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>The cost of copies (Art. 30(2)); the disclosure itself is free (30(1)).</summary>
public sealed record ChargeCopyCost : CaseCommand
{
    public int MonochromePages { get; init; }
    public int ColourPages { get; init; }
    public int AmountYen { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (MonochromePages < 0 || ColourPages < 0 || MonochromePages + ColourPages == 0 || MonochromePages + ColourPages > 1_000_000)
            errors.Add(new FieldError(nameof(MonochromePages), "写しの枚数（単色・カラー）を正しく入力してください。", "Give the number of copied pages (monochrome and colour), at least one."));
        if (AmountYen is < 0 or > 100_000_000)
            errors.Add(new FieldError(nameof(AmountYen), "費用の額が不正です。", "The amount must be between 0 and 100,000,000 yen."));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireDisclosingDecision(c);
        return [new CopyCostCharged(c.Id, MonochromePages, ColourPages, AmountYen, Context(now, ArticleRef.Ordinance(30, 2), "写しの交付に要する費用 / cost of copies"))];
    }
}
