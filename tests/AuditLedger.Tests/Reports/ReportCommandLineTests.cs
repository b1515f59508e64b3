namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;

/// <summary>The reports on the command line (scripts/auditledger) give what the HTTP API gives, and refuse bad input with exit status 2.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ReportCommandLineTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();

    [Fact]
    public async Task register_published_csv_writes_the_same_bytes_as_the_service_and_unknown_ids_exit_4()
    {
        var files = await new RegisterHistory(new LedgerDriver(fixture)).Build();
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        var output = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.csv");
        try
        {
            var status = await LedgerCommandLine.Run(["register", "--published", "--format", "csv", "--out", output]);

            status.ShouldBe(0);
            var written = await File.ReadAllBytesAsync(output);
            written.ShouldBe(await _http.GetByteArrayAsync("/register/published.csv"));
            System.Text.Encoding.UTF8.GetString(written).ShouldContain(files.Names[files.Amended]);
        }
        finally
        {
            File.Delete(output);
        }

        (await LedgerCommandLine.Run(["recipients", Guid.NewGuid().ToString()])).ShouldBe(4);
    }

    [Theory]
    [InlineData("register", "--format", "pdf")]
    [InlineData("incidents", "--status", "pending")]
    public async Task a_bad_format_or_status_exits_2_before_anything_starts(params string[] args)
    {
        (await LedgerCommandLine.Run(args)).ShouldBe(2);
    }
}
