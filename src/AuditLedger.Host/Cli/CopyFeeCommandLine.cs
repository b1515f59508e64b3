namespace AuditLedger.Host.Cli;

using System.CommandLine;
using AuditLedger.Deadlines;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Configuration;

/// <summary>
/// `copy-fee --jurisdiction J --monochrome N --colour M`: the cost of copies by the jurisdiction profile's rates
/// (<see cref="CopyFee.Compute"/>, the same function a case's ChargeCopyCost uses). No database. The amount in yen is the
/// first line, a plain integer; the explanation and citation follow. Exit 2, in Japanese and English, for an unknown
/// jurisdiction, a profile that states no rate, a negative count or input that is not a number.
/// </summary>
public static class CopyFeeCommandLine
{
    public static Command Command()
    {
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "the jurisdiction profile's id (e.g. nagareyama-city)", Required = true };
        // Read as text, so that a value that is not a number is refused here in both languages with exit 2.
        var monochrome = new Option<string>("--monochrome") { Description = "monochrome pages (単色刷り)", DefaultValueFactory = _ => "0" };
        var colour = new Option<string>("--colour") { Description = "colour pages (カラー)", DefaultValueFactory = _ => "0" };
        var profilesDirectory = new Option<string?>("--profiles-dir") { Description = "a directory of extra profile files (as AuditLedger:ProfilesDirectory)" };
        var command = new Command("copy-fee", "写しの交付に要する費用の計算（データベース不要） / the cost of copies by the profile's rates, no database needed: copy-fee --jurisdiction J --monochrome N --colour M")
        {
            jurisdiction, monochrome, colour, profilesDirectory,
        };
        command.SetAction(parse => Run(parse.GetValue(jurisdiction)!, parse.GetValue(monochrome)!, parse.GetValue(colour)!,
            parse.GetValue(profilesDirectory) ?? Environment.GetEnvironmentVariable("AuditLedger__ProfilesDirectory"), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string jurisdictionId, string monochromeText, string colourText, string? profilesDirectory, TextWriter output, TextWriter error)
    {
        int Refuse(string ja, string en)
        {
            error.WriteLine(ja);
            error.WriteLine(en);
            return 2;
        }
        if (!int.TryParse(monochromeText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var mono))
            return Refuse($"単色刷りの枚数 '{monochromeText}' は整数ではありません。", $"The monochrome page count '{monochromeText}' is not a whole number.");
        if (!int.TryParse(colourText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var colour))
            return Refuse($"カラーの枚数 '{colourText}' は整数ではありません。", $"The colour page count '{colourText}' is not a whole number.");
        if (mono < 0 || colour < 0)
            return Refuse("枚数は0以上でなければなりません。", "A page count must be zero or more.");
        JurisdictionProfile profile;
        try
        {
            profile = ProfileLoader.LoadCatalog(profilesDirectory).Get(jurisdictionId);
        }
        catch (DeadlineException e)
        {
            return Refuse(e.MessageJa, e.MessageEn);
        }
        try
        {
            var amount = CopyFee.Compute(profile, mono, colour);
            output.WriteLine(amount.Yen.ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine(amount.ExplanationJa);
            output.WriteLine(amount.ExplanationEn);
            return 0;
        }
        catch (CopyFeeNotStated e)
        {
            return Refuse(e.Japanese, e.English);
        }
        catch (OverflowException)
        {
            return Refuse("枚数が大きすぎます。", "The page counts are too large.");
        }
    }
}
