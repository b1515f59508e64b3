namespace AuditLedger.Deadlines;

/// <summary>
/// A refused input or an unusable profile. <see cref="Code"/> is stable (callers and tests match on it);
/// the messages name the rule that refused, in Japanese and English.
/// </summary>
public class DeadlineException(string code, string messageJa, string messageEn)
    : Exception($"{messageEn} / {messageJa}")
{
    public string Code { get; } = code;
    public string MessageJa { get; } = messageJa;
    public string MessageEn { get; } = messageEn;
}

/// <summary>A profile file that cannot be used: names the file and the field at fault.</summary>
public sealed class ProfileValidationException(string file, string field, string messageJa, string messageEn)
    : DeadlineException(
        DeadlineErrorCodes.InvalidProfile,
        $"{file}: {field}: {messageJa}",
        $"{file}: {field}: {messageEn}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
}

/// <summary>The stable codes carried by <see cref="DeadlineException"/>.</summary>
public static class DeadlineErrorCodes
{
    public const string UnknownJurisdiction = "unknown-jurisdiction";
    public const string UnknownClock = "unknown-clock";
    public const string ExtensionNegative = "extension-negative";
    public const string ExtensionNotProvided = "extension-not-provided";
    public const string ExtensionTooLong = "extension-exceeds-maximum";
    public const string RangeEndBeforeStart = "range-end-before-start";
    public const string OutsideCalendarCoverage = "outside-calendar-coverage";
    public const string InvalidProfile = "invalid-profile";
    public const string InvalidCalendar = "invalid-calendar";
    public const string InvalidArguments = "invalid-arguments";
}
