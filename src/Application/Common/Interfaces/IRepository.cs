using Ardalis.Specification;
using VapiAgents.Domain.Common;

namespace VapiAgents.Application.Common.Interfaces;

/// <summary>Loads and saves whole aggregates through specifications.</summary>
public interface IRepository<T> : IRepositoryBase<T> where T : class, IAggregateRoot;

/// <summary>Read-only access to aggregates (no tracking).</summary>
public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class, IAggregateRoot;
