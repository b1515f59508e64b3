namespace AuditLedger.Tests;

using AuditLedger.Tests.Support;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The code Wolverine generates for the handlers and endpoints is generated ahead of time and compiled with the host
/// (TypeLoadMode.Static, <see cref="Host.Configuration.LedgerConfiguration.ConfigureWolverine"/>): this test is what keeps
/// it from going stale. It generates the code the running service's configuration asks for, as JasperFx's
/// <c>codegen write</c> does (<see cref="DynamicCodeBuilder.WriteGeneratedCode"/>), and compares it file by file with
/// <c>src/AuditLedger.Host/Internal/Generated</c>. After changing a handler, an endpoint, a middleware or a policy, run it
/// with AuditLedger__CodeGeneration=Dynamic (<see cref="Host.Configuration.LedgerConfiguration.CodeGenerationSetting"/>: the
/// host then compiles at run time, so it starts while a type is missing) and it writes the files instead; build again and
/// commit them.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class GeneratedCodeTests(LedgerFixture fixture)
{
    private static DirectoryInfo Checkout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AuditLedger.sln"))) return dir;
        throw new InvalidOperationException($"No AuditLedger.sln above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void the_generated_code_compiled_with_the_host_is_what_its_configuration_generates()
    {
        var committed = Path.Combine(Checkout().FullName, "src", "AuditLedger.Host", "Internal", "Generated");
        var generated = Directory.CreateTempSubdirectory("auditledger-codegen-");
        try
        {
            Generate(generated.FullName);
            var fresh = Files(generated.FullName);
            fresh.ShouldNotBeEmpty("the configuration generates handler code");
            if (Host.Configuration.LedgerConfiguration.GeneratesCodeAtRunTime(fixture.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()))
            {
                if (Directory.Exists(committed)) Directory.Delete(committed, recursive: true);
                foreach (var (name, code) in fresh)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(committed, name))!);
                    File.WriteAllText(Path.Combine(committed, name), code);
                }
                return;
            }
            var current = Directory.Exists(committed) ? Files(committed) : [];
            var stale = fresh.Keys.Union(current.Keys)
                .Where(name => !fresh.TryGetValue(name, out var code) || !current.TryGetValue(name, out var onDisk) || onDisk != code)
                .Order(StringComparer.Ordinal).ToList();
            stale.ShouldBeEmpty($"the generated code in {committed} is stale (missing, changed or extra files listed): run this test with AuditLedger__CodeGeneration=Dynamic, build again and commit the files");
        }
        finally
        {
            generated.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Writes every code file the service's collections generate under <paramref name="directory"/>, in their child namespaces'
    /// folders. A host of its own, which has run no command: a chain already compiled cannot be generated again.
    /// </summary>
    private void Generate(string directory)
    {
        using var host = fixture.WithWebHostBuilder(_ => { });
        var collections = host.Services.GetServices<ICodeFileCollection>().ToArray();
        var paths = collections.Select(c => c.Rules.GeneratedCodeOutputPath).ToArray();
        try
        {
            foreach (var collection in collections) collection.Rules.GeneratedCodeOutputPath = directory;
            new DynamicCodeBuilder(host.Services, collections) { ServiceVariableSource = host.Services.GetService<IServiceVariableSource>() }
                .WriteGeneratedCode(_ => { });
        }
        finally
        {
            for (var i = 0; i < collections.Length; i++) collections[i].Rules.GeneratedCodeOutputPath = paths[i];
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText);
}
