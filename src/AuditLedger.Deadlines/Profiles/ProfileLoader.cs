using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AuditLedger.Deadlines.Calendars;
using NodaTime;

namespace AuditLedger.Deadlines.Profiles;

/// <summary>
/// Reads jurisdiction profiles (JSON) and refuses any that is incomplete: every refusal names the file and the field.
/// The shipped profiles are embedded; a directory of extra *.json files adds jurisdictions without a new release.
/// </summary>
public static partial class ProfileLoader
{
    private const string ResourcePrefix = "AuditLedger.Deadlines.Profiles.";

    /// <summary>The profiles shipped inside this assembly.</summary>
    public static IReadOnlyList<JurisdictionProfile> LoadEmbedded(HolidayCalendar? calendar = null)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var result = new List<JurisdictionProfile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result.Add(Parse($"Profiles/{name[ResourcePrefix.Length..]}", reader.ReadToEnd(), calendar));
        }
        return result;
    }

    /// <summary>Every *.json file of a directory, in name order.</summary>
    public static IReadOnlyList<JurisdictionProfile> LoadDirectory(string directory, HolidayCalendar? calendar = null)
    {
        if (!Directory.Exists(directory))
            throw new DeadlineException(DeadlineErrorCodes.InvalidProfile,
                $"プロファイルのディレクトリ {directory} が存在しません",
                $"profile directory {directory} does not exist");
        return Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => Parse(f, File.ReadAllText(f), calendar))
            .ToList();
    }

    /// <summary>The embedded profiles plus those of <paramref name="extraDirectory"/>; a repeated id is refused.</summary>
    public static ProfileCatalog LoadCatalog(string? extraDirectory = null, HolidayCalendar? calendar = null)
    {
        var profiles = LoadEmbedded(calendar).ToList();
        if (extraDirectory is not null) profiles.AddRange(LoadDirectory(extraDirectory, calendar));
        return new ProfileCatalog(profiles);
    }

    /// <summary>Parses and validates one profile. <paramref name="fileName"/> is used in error messages.</summary>
    public static JurisdictionProfile Parse(string fileName, string json, HolidayCalendar? calendar = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ProfileValidationException(fileName, "(file)", $"JSONとして読めません: {e.Message}", $"not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var r = new Reader(fileName);
            return r.Profile(doc.RootElement, calendar ?? HolidayCalendar.JapanNational);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]+:[a-z0-9-]+$")]
    private static partial Regex TenantIdPattern();

    private sealed partial class Reader(string file)
    {
        private static readonly Dictionary<string, StartRule> StartRules = new()
        {
            ["exclude-first-day"] = StartRule.ExcludeFirstDay,
            ["from-next-day"] = StartRule.FromNextDay,
            ["include-first-day"] = StartRule.IncludeFirstDay,
            ["clear-interval"] = StartRule.ClearInterval,
        };

        private static readonly Dictionary<string, ClosedDayTreatment> ClosedDayRules = new()
        {
            ["next-open-day"] = ClosedDayTreatment.NextOpenDay,
            ["no-adjustment"] = ClosedDayTreatment.NoAdjustment,
        };

        private static readonly Dictionary<string, IsoDayOfWeek> Weekdays = new()
        {
            ["monday"] = IsoDayOfWeek.Monday, ["tuesday"] = IsoDayOfWeek.Tuesday, ["wednesday"] = IsoDayOfWeek.Wednesday,
            ["thursday"] = IsoDayOfWeek.Thursday, ["friday"] = IsoDayOfWeek.Friday, ["saturday"] = IsoDayOfWeek.Saturday,
            ["sunday"] = IsoDayOfWeek.Sunday,
        };

        public JurisdictionProfile Profile(JsonElement root, HolidayCalendar calendar)
        {
            Object(root, "(root)");
            OnlyKnown(root, "", ["id", "name", "source", "notes", "officeClosed", "periodEndingOnClosedDay", "clocks", "tenants", "recordPolicies", BusinessOversightPolicy.Key, .. LawSectionKeys]);
            var id = String(root, "", "id");
            if (!IdPattern().IsMatch(id))
                throw Fail("id", $"id '{id}' は英小文字・数字・ハイフンのみで書いてください", $"id '{id}' must be lower-case letters, digits and hyphens");
            var name = Text(root, "", "name");
            var office = OfficeClosed(Required(root, "", "officeClosed"), "officeClosed");
            var (defaultTreatment, defaultCitation) = ClosedDay(Required(root, "", "periodEndingOnClosedDay"), "periodEndingOnClosedDay");

            var clocksEl = Required(root, "", "clocks");
            if (clocksEl.ValueKind != JsonValueKind.Array || clocksEl.GetArrayLength() == 0)
                throw Fail("clocks", "時計（期限）の配列が必要です（1件以上）", "must be a non-empty array of clocks");
            var clocks = new Dictionary<string, ClockDefinition>(StringComparer.Ordinal);
            var i = 0;
            foreach (var c in clocksEl.EnumerateArray())
            {
                var clock = Clock(c, $"clocks[{i}]", defaultTreatment, defaultCitation);
                if (!clocks.TryAdd(clock.Id, clock))
                    throw Fail($"clocks[{i}].id", $"時計 '{clock.Id}' が重複しています", $"clock '{clock.Id}' is defined twice");
                i++;
            }
            return new JurisdictionProfile(id, name, office, clocks, calendar, file) { Tenants = Tenants(root, id), Law = Law(root), BusinessOversight = BusinessOversightPolicy.From(root, file), RecordPolicies = ReadRecordPolicies(root) };
        }

        private List<TenantDefinition> Tenants(JsonElement root, string jurisdictionId)
        {
            var tenants = new List<TenantDefinition>();
            if (!root.TryGetProperty("tenants", out var el)) return tenants;
            if (el.ValueKind != JsonValueKind.Array) throw Fail("tenants", "実施機関（テナント）の配列が必要です", "must be an array of tenants (bodies)");
            var i = 0;
            foreach (var t in el.EnumerateArray())
            {
                var path = $"tenants[{i++}]";
                Object(t, path);
                OnlyKnown(t, path, "id", "name");
                var id = String(t, path, "id");
                if (!TenantIdPattern().IsMatch(id))
                    throw Fail(Join(path, "id"), $"テナントID '{id}' は「市町村:機関」の形で、英小文字・数字・ハイフンのみで書いてください（例 nagareyama:mayor）",
                        $"tenant id '{id}' must be 'municipality:body' in lower-case letters, digits and hyphens (e.g. nagareyama:mayor)");
                if (tenants.Any(x => x.Id == id)) throw Fail(Join(path, "id"), $"テナント '{id}' が重複しています", $"tenant '{id}' is defined twice");
                tenants.Add(new TenantDefinition(id, Text(t, path, "name"), jurisdictionId));
            }
            return tenants;
        }

        private ClockDefinition Clock(JsonElement el, string path, ClosedDayTreatment defaultTreatment, Citation defaultCitation)
        {
            Object(el, path);
            OnlyKnown(el, path, "id", "name", "notes", "lengthDays", "startRule", "startRuleCitation", "extension",
                "formCorrectionPause", "chairVacancyPause", "periodEndingOnClosedDay", "citation");
            var id = String(el, path, "id");
            if (!ClockIds.All.Contains(id))
                throw Fail(Join(path, "id"), $"未知の時計 '{id}'（既知: {string.Join(", ", ClockIds.All)}）",
                    $"unknown clock id '{id}' (known: {string.Join(", ", ClockIds.All)})");
            var name = Text(el, path, "name");
            var length = Int(el, path, "lengthDays");
            if (length <= 0)
                throw Fail(Join(path, "lengthDays"), $"期間の日数は1以上でなければなりません（{length}）", $"length must be a positive number of days (got {length})");
            var startText = String(el, path, "startRule");
            if (!StartRules.TryGetValue(startText, out var startRule))
                throw Fail(Join(path, "startRule"), $"未知の起算方法 '{startText}'（既知: {string.Join(", ", StartRules.Keys)}）",
                    $"unknown start rule '{startText}' (known: {string.Join(", ", StartRules.Keys)})");
            var startCitation = CitationOf(el, path, "startRuleCitation");
            var citation = CitationOf(el, path, "citation");

            var maxExtension = 0;
            Citation? extensionCitation = null;
            if (el.TryGetProperty("extension", out var ext))
            {
                var p = Join(path, "extension");
                Object(ext, p);
                OnlyKnown(ext, p, "maxDays", "citation");
                maxExtension = Int(ext, p, "maxDays");
                if (maxExtension < 0)
                    throw Fail(Join(p, "maxDays"), $"延長の上限日数は0以上でなければなりません（{maxExtension}）", $"maximum extension must not be negative (got {maxExtension})");
                if (maxExtension > 0) extensionCitation = CitationOf(ext, p, "citation");
            }

            var form = Pause(el, path, "formCorrectionPause");
            var vacancy = Pause(el, path, "chairVacancyPause");
            var (treatment, closedCitation) = el.TryGetProperty("periodEndingOnClosedDay", out var cd)
                ? ClosedDay(cd, Join(path, "periodEndingOnClosedDay"))
                : (defaultTreatment, defaultCitation);
            return new ClockDefinition(id, name, length, startRule, startCitation, maxExtension, extensionCitation,
                form, vacancy, treatment, closedCitation, citation);
        }

        private PauseRule Pause(JsonElement el, string path, string field)
        {
            if (!el.TryGetProperty(field, out var p)) return PauseRule.None;
            var fp = Join(path, field);
            Object(p, fp);
            OnlyKnown(p, fp, "applies", "citation");
            var applies = Bool(p, fp, "applies");
            // Whether it applies or not, the profile must say on what ground: a pause is law, not a guess.
            return new PauseRule(applies, CitationOf(p, fp, "citation"));
        }

        private OfficeClosedRules OfficeClosed(JsonElement el, string path)
        {
            Object(el, path);
            OnlyKnown(el, path, "weekdays", "nationalHolidays", "yearEndDays", "citation");
            var days = new HashSet<IsoDayOfWeek>();
            var wd = Required(el, path, "weekdays");
            if (wd.ValueKind != JsonValueKind.Array) throw Fail(Join(path, "weekdays"), "曜日の配列が必要です", "must be an array of weekday names");
            foreach (var d in wd.EnumerateArray())
            {
                var s = d.ValueKind == JsonValueKind.String ? d.GetString()! : d.ToString();
                if (!Weekdays.TryGetValue(s, out var dow))
                    throw Fail(Join(path, "weekdays"), $"未知の曜日 '{s}'", $"unknown weekday '{s}' (use monday..sunday)");
                days.Add(dow);
            }
            var national = Bool(el, path, "nationalHolidays");
            var yearEnd = new List<AnnualDate>();
            if (el.TryGetProperty("yearEndDays", out var ye))
            {
                if (ye.ValueKind != JsonValueKind.Array) throw Fail(Join(path, "yearEndDays"), "MM-DD の配列が必要です", "must be an array of MM-DD");
                foreach (var d in ye.EnumerateArray())
                {
                    var s = d.ValueKind == JsonValueKind.String ? d.GetString()! : d.ToString();
                    var parts = s.Split('-');
                    if (parts.Length != 2 || parts[0].Length != 2 || parts[1].Length != 2
                        || !int.TryParse(parts[0], out var m) || !int.TryParse(parts[1], out var day)
                        || m is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(2000, m))
                        throw Fail(Join(path, "yearEndDays"), $"'{s}' は MM-DD 形式の日付ではありません", $"'{s}' is not a MM-DD day");
                    yearEnd.Add(new AnnualDate(m, day));
                }
            }
            return new OfficeClosedRules(days, national, yearEnd, CitationOf(el, path, "citation"));
        }

        private (ClosedDayTreatment, Citation) ClosedDay(JsonElement el, string path)
        {
            Object(el, path);
            OnlyKnown(el, path, "rule", "citation");
            var s = String(el, path, "rule");
            if (!ClosedDayRules.TryGetValue(s, out var t))
                throw Fail(Join(path, "rule"), $"未知の休日の扱い '{s}'（既知: {string.Join(", ", ClosedDayRules.Keys)}）",
                    $"unknown closed-day rule '{s}' (known: {string.Join(", ", ClosedDayRules.Keys)})");
            return (t, CitationOf(el, path, "citation"));
        }

        private Citation CitationOf(JsonElement el, string path, string field)
        {
            var fp = Join(path, field);
            if (!el.TryGetProperty(field, out var c) || c.ValueKind == JsonValueKind.Null)
                throw Fail(fp, "根拠条文（citation）がありません", "citation is missing");
            Object(c, fp);
            OnlyKnown(c, fp, "ja", "en");
            return new Citation(String(c, fp, "ja"), String(c, fp, "en"));
        }

        private LocalizedText Text(JsonElement el, string path, string field)
        {
            var fp = Join(path, field);
            var t = Required(el, path, field);
            Object(t, fp);
            OnlyKnown(t, fp, "ja", "en");
            return new LocalizedText(String(t, fp, "ja"), String(t, fp, "en"));
        }

        private JsonElement Required(JsonElement el, string path, string field)
        {
            if (!el.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
                throw Fail(Join(path, field), "必須の項目がありません", "required field is missing");
            return v;
        }

        private string String(JsonElement el, string path, string field)
        {
            var v = Required(el, path, field);
            if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
                throw Fail(Join(path, field), "空でない文字列が必要です", "must be a non-empty string");
            return v.GetString()!.Trim();
        }

        private int Int(JsonElement el, string path, string field)
        {
            var v = Required(el, path, field);
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
                throw Fail(Join(path, field), "整数が必要です", "must be a whole number");
            return n;
        }

        private bool Bool(JsonElement el, string path, string field)
        {
            var v = Required(el, path, field);
            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail(Join(path, field), "true か false が必要です", "must be true or false"),
            };
        }

        private void Object(JsonElement el, string path)
        {
            if (el.ValueKind != JsonValueKind.Object)
                throw Fail(path, "オブジェクトが必要です", "must be a JSON object");
        }

        private void OnlyKnown(JsonElement el, string path, params string[] known)
        {
            foreach (var p in el.EnumerateObject())
                if (!known.Contains(p.Name))
                    throw Fail(Join(path, p.Name), $"未知の項目です（既知: {string.Join(", ", known)}）", $"unknown field (known: {string.Join(", ", known)})");
        }

        private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

        private ProfileValidationException Fail(string field, string ja, string en) => new(file, field, ja, en);
    }
}

/// <summary>The loaded profiles, by id.</summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, JurisdictionProfile> _byId = new(StringComparer.Ordinal);

    public ProfileCatalog(IEnumerable<JurisdictionProfile> profiles)
    {
        foreach (var p in profiles)
            if (!_byId.TryAdd(p.Id, p))
                throw new ProfileValidationException(p.SourceFile, "id",
                    $"管轄 '{p.Id}' は {_byId[p.Id].SourceFile} で既に定義されています",
                    $"jurisdiction '{p.Id}' is already defined by {_byId[p.Id].SourceFile}");
        // One calendar in force: the national holidays are the same for every jurisdiction, and every stored clock
        // names the one calendar version it was counted with.
        var versions = _byId.Values.Select(p => p.Calendar.Version).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count > 1)
            throw new DeadlineException(DeadlineErrorCodes.InvalidCalendar,
                $"管轄プロファイルが異なる祝日カレンダーで読み込まれています（{string.Join(", ", versions)}）。国民の祝日は全管轄で共通です",
                $"the jurisdiction profiles were loaded with different holiday calendars ({string.Join(", ", versions)}); national holidays are the same for every jurisdiction");
        Calendar = _byId.Values.FirstOrDefault()?.Calendar ?? HolidayCalendar.JapanNational;
        foreach (var t in _byId.Values.SelectMany(p => p.Tenants))
            if (!_tenants.TryAdd(t.Id, t))
                throw new ProfileValidationException(_byId[t.JurisdictionId].SourceFile, "tenants",
                    $"テナント '{t.Id}' は管轄 '{_tenants[t.Id].JurisdictionId}' で既に定義されています",
                    $"tenant '{t.Id}' is already defined by jurisdiction '{_tenants[t.Id].JurisdictionId}'");
    }

    private readonly Dictionary<string, TenantDefinition> _tenants = new(StringComparer.Ordinal);

    /// <summary>
    /// Every tenant (実施機関) of every profile: the jurisdictions by id, each one's bodies in the order its profile declares
    /// them (Nagareyama's: the mayor first, as its overview lists them), which is the order city-wide lists show.
    /// </summary>
    public IReadOnlyList<TenantDefinition> Tenants => [.. _byId.Values.OrderBy(p => p.Id, StringComparer.Ordinal).SelectMany(p => p.Tenants)];

    /// <summary>The tenant of that id, or null when no profile defines it.</summary>
    public TenantDefinition? FindTenant(string id) => _tenants.GetValueOrDefault(id);

    /// <summary>The holiday calendar in force for every profile of the catalog.</summary>
    public HolidayCalendar Calendar { get; }

    public IReadOnlyCollection<JurisdictionProfile> All => _byId.Values;

    public JurisdictionProfile Get(string id) =>
        _byId.TryGetValue(id, out var p)
            ? p
            : throw new DeadlineException(DeadlineErrorCodes.UnknownJurisdiction,
                $"未知の管轄 '{id}'（既知: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}）",
                $"unknown jurisdiction '{id}' (known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))})");
}
