// 写しの交付に要する費用の額 / the amount of the cost of copies, from the jurisdiction profile's rates (copyFees).
namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;

/// <summary>The profile states no rate per page: the amount cannot be computed, only entered by staff.</summary>
public sealed class CopyFeeNotStated(JurisdictionProfile profile)
    : Exception($"The profile of {profile.Id} states no rate per copied page.")
{
    public string Japanese { get; } = $"{profile.Name.Ja}のプロファイルには写し1枚当たりの額が定められていません。費用は職員が入力してください。";
    public string English { get; } = $"The profile of {profile.Name.En} states no rate per copied page; staff enter the cost.";
}

/// <summary>The cost of copies, computed one way for the command line (copy-fee) and for a case's charge (ChargeCopyCost).</summary>
public static class CopyFee
{
    /// <summary>The amount in yen, with how it was computed and the citation.</summary>
    public sealed record Amount(int Yen, string ExplanationJa, string ExplanationEn, Citation Citation);

    /// <summary>True when the profile states both rates per page.</summary>
    public static bool IsRated(JurisdictionProfile profile) =>
        profile.Law.CopyFees is { MonochromeYenPerPage: not null, ColourYenPerPage: not null };

    /// <summary>
    /// Monochrome pages × the monochrome rate + colour pages × the colour rate + other media as staff enter them (yen);
    /// other fees are the profile's (zero where the law makes disclosure free).
    /// </summary>
    /// <exception cref="CopyFeeNotStated">The profile states no rate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or amount.</exception>
    public static Amount Compute(JurisdictionProfile profile, int monochromePages, int colourPages, int otherMediaYen = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monochromePages);
        ArgumentOutOfRangeException.ThrowIfNegative(colourPages);
        ArgumentOutOfRangeException.ThrowIfNegative(otherMediaYen);
        if (profile.Law.CopyFees is not { MonochromeYenPerPage: { } mono, ColourYenPerPage: { } colour } fees) throw new CopyFeeNotStated(profile);
        var yen = checked(monochromePages * mono + colourPages * colour + otherMediaYen + fees.OtherFeesYen);
        return new Amount(yen,
            $"単色刷り {monochromePages}枚×{mono}円 + カラー {colourPages}枚×{colour}円" + (otherMediaYen > 0 ? $" + その他の媒体 {otherMediaYen}円（職員入力）" : "") + $" = {yen}円（{fees.Citation.Ja}）",
            $"{monochromePages} monochrome page(s) × {mono} yen + {colourPages} colour page(s) × {colour} yen" + (otherMediaYen > 0 ? $" + other media {otherMediaYen} yen (as staff entered)" : "") + $" = {yen} yen ({fees.Citation.En})",
            fees.Citation);
    }
}
