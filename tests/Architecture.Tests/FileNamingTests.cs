using System.Text.RegularExpressions;

namespace VapiAgents.Architecture.Tests;

/// <summary>
/// Files are named after what they hold, so a type is found by its name. Read from the sources (names of files
/// are not in the assemblies). A use case's records may share its file (a command, its handler and its answer);
/// an aggregate's specifications share <c>&lt;Aggregate&gt;Specs.cs</c>; generated code is left out.
/// </summary>
public sealed partial class FileNamingTests
{
    [Fact]
    public void EverySourceFile_IsNamedAfterAPublicTypeItHolds()
    {
        var files = SourceFiles().ToList();
        files.Should().HaveCountGreaterThan(100, "the scan must see the sources");

        files.Select(file => (File: Path.GetRelativePath(Root, file), Types: TopLevelPublicTypes(File.ReadAllText(file))))
            .Where(f => f.Types.Count > 0 && !f.Types.Contains(Path.GetFileNameWithoutExtension(f.File)) && !f.File.EndsWith("Specs.cs", StringComparison.Ordinal))
            .Select(f => $"{f.File} holds {string.Join(", ", f.Types)}")
            .Should().BeEmpty("a file is named after the public type it holds");
    }

    [Fact]
    public void TheScan_FindsAMisnamedFile()
    {
        TopLevelPublicTypes("namespace X;\n\n/// <summary>…</summary>\npublic sealed record CallPage(int Items);\n\npublic interface ISyncLeases\n{\n}\n")
            .Should().Equal("CallPage", "ISyncLeases");
    }

    /// <summary>
    /// EF configurations are internal, so the public-type rule above does not see them: each sits alone in a file
    /// named after it, so a table's mapping is found by its name.
    /// </summary>
    [Fact]
    public void EveryEfConfiguration_SitsAloneInAFileNamedAfterIt()
    {
        var files = SourceFiles()
            .Select(file => (File: Path.GetRelativePath(Root, file), Configurations: EntityConfigurations(File.ReadAllText(file))))
            .Where(f => f.Configurations.Count > 0)
            .ToList();
        files.Sum(f => f.Configurations.Count).Should().BeGreaterThan(15, "the scan must see the EF configurations");

        // Joined, so the failure names every offending file, not only the first.
        string.Join(Environment.NewLine, files
                .Where(f => f.Configurations.Count > 1 || f.Configurations[0] != Path.GetFileNameWithoutExtension(f.File))
                .Select(f => $"{f.File} holds {string.Join(", ", f.Configurations)}"))
            .Should().BeEmpty("a file holds one EF configuration and is named after it");
    }

    [Fact]
    public void TheScan_FindsTwoEfConfigurationsInOneFile()
    {
        EntityConfigurations(
                "namespace X;\n\ninternal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>\n{\n}\n\n" +
                "/// <summary>…</summary>\npublic class AlertConfiguration : IEntityTypeConfiguration<Domain.Alerts.Alert>\n{\n}\n")
            .Should().Equal("BudgetConfiguration", "AlertConfiguration");
    }

    private static readonly string Root = FindRoot();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.EndsWith(".g.cs", StringComparison.Ordinal)
                && Path.GetFileName(file) != "Program.cs");

    // Top-level only: with file-scoped namespaces those declarations start at the first column.
    private static List<string> TopLevelPublicTypes(string source) =>
        Declaration().Matches(source).Select(match => match.Groups["name"].Value).ToList();

    private static List<string> EntityConfigurations(string source) =>
        EntityConfiguration().Matches(source).Select(match => match.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^(?:(?:public|internal|sealed|partial|abstract|file)\s+)*class\s+(?<name>\w+)[^{;]*?\bIEntityTypeConfiguration<", RegexOptions.Multiline)]
    private static partial Regex EntityConfiguration();

    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VapiAgents.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("VapiAgents.sln not found above " + AppContext.BaseDirectory);
    }
}
