/**
 * The Documents section of the order page. It has its own query, so a
 * failure to read documents leaves the rest of the order page intact.
 */
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrderDocumentsQuery } from '../gql/graphql';
import { orderDocumentTypeLabels } from '../labels';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateText } from '../ui/values';

const OrderDocumentsSectionQuery = graphql(`
  query OrderDocuments($number: String!) {
    order(number: $number) {
      id
      documents {
        id
        type
        title
        fileName
        createdOn
        downloadUrl
      }
    }
  }
`);

type OrderDocument = NonNullable<OrderDocumentsQuery['order']>['documents'][number];

export function OrderDocuments({ orderNumber }: { orderNumber: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: OrderDocumentsSectionQuery, variables: { number: orderNumber } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });

  if (data?.order) {
    return <DocumentTable documents={data.order.documents} />;
  }
  if (error) {
    return <ErrorNotice error={error} forbiddenSubject="order documents" onRetry={retry} />;
  }
  if (fetching || !data) {
    return <Loading label="Loading the documents…" />;
  }
  return <EmptyState>The documents of this order are not available.</EmptyState>;
}

function DocumentTable({ documents }: { documents: readonly OrderDocument[] }) {
  if (documents.length === 0) {
    return <EmptyState>No documents for this order yet.</EmptyState>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Order documents" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Type</th>
            <th scope="col">Date</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => (
            <tr key={document.id}>
              <th scope="row">{document.title}</th>
              <td>{orderDocumentTypeLabels[document.type]}</td>
              <td>
                <DateText date={document.createdOn} />
              </td>
              <td>
                <a href={document.downloadUrl} download={document.fileName} aria-label={`Download ${document.title} (${document.fileName})`}>
                  {document.fileName}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
