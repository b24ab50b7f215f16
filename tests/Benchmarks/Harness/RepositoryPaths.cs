namespace VapiAgents.Benchmarks.Harness;

public static class RepositoryPaths
{
    /// <summary>The clone's root (the folder holding VapiAgents.sln), found from the harness's output folder upwards.</summary>
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "VapiAgents.sln")))
                {
                    return folder.FullName;
                }
            }

            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary><c>artifacts/bench</c>: cached data sets (ignored by git, removed by the Clean target).</summary>
    public static string Cache => Path.Combine(Root, "artifacts", "bench");
}
