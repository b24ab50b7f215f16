namespace VapiAgents.Application.Common.Behaviours;

/// <summary>Turns C# property paths ("Window.StartDate") into the JSON names clients send ("window.startDate").</summary>
public static class FieldNames
{
    public static string ToCamelCase(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return propertyPath;
        }

        var segments = propertyPath.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 0 && char.IsUpper(segment[0]))
            {
                segments[i] = char.ToLowerInvariant(segment[0]) + segment[1..];
            }
        }

        return string.Join('.', segments);
    }
}
