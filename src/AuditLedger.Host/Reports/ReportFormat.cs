namespace AuditLedger.Host.Reports;

using AuditLedger.Domain.Law;

/// <summary>The forms a report is given in: data, a spreadsheet (CSV, or an Excel workbook with typed cells), a printable page.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Html,
    Xlsx,
}

/// <summary>A query whose input is not understood (HTTP 400, command line exit 2), with the field and what it accepts.</summary>
public sealed class InvalidQuery(FieldError error) : Exception($"{error.Field}: {error.English}")
{
    public FieldError Error { get; } = error;
}

/// <summary>
/// A publication that does not exist for what was asked (HTTP 404 with its <see cref="Code"/>): a municipality none of whose
/// bodies is served here, or a list the body's law does not provide for (e.g. the 届出 list under a profile without 届出).
/// </summary>
public sealed class NotPublished(string code, string japanese, string english) : Exception(english)
{
    public string Code { get; } = code;
    public string Japanese { get; } = japanese;
}

public static class ReportFormats
{
    public static readonly IReadOnlyList<ReportFormat> All = Enum.GetValues<ReportFormat>();

    /// <summary>Whether the form is a file to download (a spreadsheet) rather than data or a page shown in place.</summary>
    public static bool IsDownload(this ReportFormat format) => format is ReportFormat.Csv or ReportFormat.Xlsx;

    /// <summary>Reads json, csv, html or xlsx (any case); absent means <paramref name="fallback"/>.</summary>
    /// <exception cref="InvalidQuery">Any other value (HTTP 400, exit 2), naming the formats accepted.</exception>
    public static ReportFormat Parse(string? value, ReportFormat fallback = ReportFormat.Json)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        var known = All.FirstOrDefault(f => string.Equals(f.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase), (ReportFormat)(-1));
        if (Enum.IsDefined(known)) return known;
        var names = string.Join(", ", All.Select(f => f.ToString().ToLowerInvariant()));
        throw new InvalidQuery(new FieldError("format", $"出力形式は {names} のいずれかを指定してください（指定値: {value}）。",
            $"The format must be one of {names}, not '{value}'."));
    }
}
