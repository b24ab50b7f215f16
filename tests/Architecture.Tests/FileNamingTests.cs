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
