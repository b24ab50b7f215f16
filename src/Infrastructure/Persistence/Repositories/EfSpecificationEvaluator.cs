using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace VapiAgents.Infrastructure.Persistence.Repositories;

/// <summary>
/// Applies an Ardalis specification to an EF Core query. Ardalis.Specification.EntityFrameworkCore is not
/// available to us, so this covers what our specifications use: criteria, order, paging, projection,
/// tracking, query filters, string includes and tags. Anything else is refused rather than silently ignored.
/// </summary>
public static class EfSpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> query, ISpecification<T> specification, bool evaluateCriteriaOnly = false)
        where T : class
    {
        if (specification.SearchCriterias.Any())
        {
            throw new NotSupportedException("Search criteria are not supported by this evaluator.");
        }

        if (specification.PostProcessingAction is not null)
        {
            throw new NotSupportedException("Post-processing actions are not supported by this evaluator.");
        }

        if (specification.IgnoreQueryFilters)
        {
            query = query.IgnoreQueryFilters();
        }

        if (specification.AsNoTracking)
        {
            query = query.AsNoTracking();
        }
        else if (specification.AsNoTrackingWithIdentityResolution)
        {
            query = query.AsNoTrackingWithIdentityResolution();
        }
        else if (specification.AsTracking)
        {
            query = query.AsTracking();
        }

        foreach (var tag in specification.QueryTags)
        {
            query = query.TagWith(tag);
        }

        foreach (var include in specification.IncludeStrings)
        {
            query = query.Include(include);
        }

        if (specification.IncludeExpressions.Any())
        {
            throw new NotSupportedException("Include expressions are not supported by this evaluator; use string includes.");
        }

        query = WhereEvaluator.Instance.GetQuery(query, specification);
        if (evaluateCriteriaOnly)
        {
            return query;
        }

        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }

    public static IQueryable<TResult> Apply<T, TResult>(IQueryable<T> query, ISpecification<T, TResult> specification)
        where T : class
    {
        var filtered = Apply(query, (ISpecification<T>)specification);
        if (specification.Selector is not null)
        {
            return filtered.Select(specification.Selector);
        }

        if (specification.SelectorMany is not null)
        {
            return filtered.SelectMany(specification.SelectorMany);
        }

        throw new InvalidOperationException($"Specification {specification.GetType().Name} has no selector.");
    }
}
