namespace AuditLedger.Tests.Support;

using System.Text;

/// <summary>
/// A strict RFC 4180 reader for the tests: records end with CRLF, quoted fields may hold commas, doubled quotes and
/// line breaks. Anything else (a bare LF between records, a quote inside an unquoted field) fails the test.
/// </summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("Unterminated quoted field.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"') throw new FormatException($"A quote inside an unquoted field at {i}.");
                    field.Append(text[i++]);
                }
            }
            record.Add(field.ToString());
            field.Clear();
            if (i >= text.Length) throw new FormatException("The last record does not end with CRLF.");
            if (text[i] == ',') { i++; continue; }
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                records.Add(record);
                record = [];
                i += 2;
                continue;
            }
            throw new FormatException($"A record ends without CRLF at {i}.");
        }
        return records;
    }
}
