// 第30条第2項 (Art. 30(2)): 写しの交付に要する費用 / charging the cost of copies; the disclosure itself is free (Art. 30(1)).
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>
/// The cost of copies (Art. 30(2)); the disclosure itself is free (30(1)). Where the case's jurisdiction profile states
/// rates per page (<c>copyFees</c>), the amount is computed from the page counts (<see cref="CopyFee.Compute"/>) plus other
/// media as staff enter them, and an amount that differs is refused; where it states none, staff enter the amount.
/// </summary>
public sealed record ChargeCopyCost : CaseCommand
{
    public int MonochromePages { get; init; }
    public int ColourPages { get; init; }
    /// <summary>The amount as staff enter it: required where the profile states no rate; where it does, checked against the rates.</summary>
    public int AmountYen { get; init; }
    /// <summary>Other media (CD-R, ...) as staff enter them, in yen, added to the pages' cost where the profile states rates.</summary>
    public int OtherMediaYen { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (MonochromePages < 0 || ColourPages < 0 || MonochromePages + ColourPages == 0 || MonochromePages + ColourPages > 1_000_000)
            errors.Add(new FieldError(nameof(MonochromePages), "写しの枚数（単色・カラー）を正しく入力してください。", "Give the number of copied pages (monochrome and colour), at least one."));
        if (AmountYen is < 0 or > 100_000_000)
            errors.Add(new FieldError(nameof(AmountYen), "費用の額が不正です。", "The amount must be between 0 and 100,000,000 yen."));
        if (OtherMediaYen is < 0 or > 100_000_000)
            errors.Add(new FieldError(nameof(OtherMediaYen), "その他の媒体の費用の額が不正です。", "The cost of other media must be between 0 and 100,000,000 yen."));
    }

    public static readonly LedgerRule CopyCostNotAsRated = new(
        "case.copy-cost-not-as-rated", ArticleRef.Ordinance(30, 2),
        "写しの交付に要する費用の額が、管轄の定める1枚当たりの額による計算と一致しません。",
        "The cost of copies differs from the amount computed with the jurisdiction's rates per page.");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireDisclosingDecision(c);
        var amount = AmountYen;
        if (CopyFee.IsRated(inputs.Profile))
        {
            var computed = CopyFee.Compute(inputs.Profile, MonochromePages, ColourPages, OtherMediaYen);
            if (AmountYen != 0 && AmountYen != computed.Yen)
                throw CaseRefusal.Of(CopyCostNotAsRated, ArticleRef.Ordinance(30, 2), $"Entered {AmountYen} yen; {computed.ExplanationEn}.");
            amount = computed.Yen;
        }
        return [new CopyCostCharged(c.Id, MonochromePages, ColourPages, amount, Context(now, ArticleRef.Ordinance(30, 2), "写しの交付に要する費用 / cost of copies"))];
    }
}
