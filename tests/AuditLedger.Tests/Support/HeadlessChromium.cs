namespace AuditLedger.Tests.Support;

using System.Diagnostics;

/// <summary>
/// Debian's chromium (installed by scripts/lib.sh ensure_chromium, never downloaded), run headless on a fresh
/// profile to render a page and answer the DOM as the browser built it.
/// </summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<string> DumpDom(Uri page, TimeSpan timeout)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium (scripts/test does, as root: apt-get install chromium).");
        var profile = Directory.CreateTempSubdirectory("auditledger-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
                "--dump-dom", page.ToString()])
                start.ArgumentList.Add(argument);

            using var browser = Process.Start(start)!;
            var stdout = browser.StandardOutput.ReadToEndAsync();
            var stderr = browser.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await browser.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                browser.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not render {page} within {timeout}. stderr: {await stderr}");
            }
            var dom = await stdout;
            if (browser.ExitCode != 0 || dom.Length == 0)
                throw new InvalidOperationException($"chromium exited with {browser.ExitCode} rendering {page}. stderr: {await stderr}");
            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
