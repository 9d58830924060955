import { Field, ID, ObjectType } from 'type-graphql';

import type * as domain from '../../../connectors/domain';
import { safeContentType } from '../../documents/content-type';
import { orderDocumentPath } from '../../documents/download-path';
import { safeFileName } from '../../documents/file-name';
import { toGlobalId } from '../global-id';
import { DateScalar } from '../scalars/date';
import { OrderDocumentTypeValues } from './enums';

@ObjectType({ description: 'A file that belongs to an order, such as its confirmation or a delivery note.' })
export class OrderDocument {
  @Field(() => ID, { description: 'Opaque global id, stable across requests; use it as a cache key.' })
  id!: string;

  @Field(() => OrderDocumentTypeValues)
  type!: domain.OrderDocumentType;

  @Field(() => String, { description: 'Title to show, for example "Order confirmation SO-100001".' })
  title!: string;

  @Field(() => String, {
    description:
      'Name the download is saved under: the ERP\'s file name without directories, with control characters, quotes and characters that reverse text direction replaced by "_".',
  })
  fileName!: string;

  @Field(() => String, { description: 'MIME type of the download, for example "application/pdf"; application/octet-stream when the ERP\'s value is not a plain MIME type.' })
  contentType!: string;

  @Field(() => DateScalar, { description: 'Date of the document. Documents of an order are listed oldest first.' })
  createdOn!: domain.IsoDate;

  @Field(() => String, {
    description:
      'Absolute address of the file. A GET needs the same session cookie as the API, and fails with 503 NOT_CONFIGURED when the portal has no access to the store that keeps the file.',
  })
  downloadUrl!: string;
}

/** Maps a document of `order`; `baseUrl` is the gateway's absolute base address without a trailing slash. */
export function toOrderDocument(document: domain.OrderDocument, order: domain.Order, baseUrl: string): OrderDocument {
  return {
    id: toGlobalId('OrderDocument', document.id),
    type: document.type,
    title: document.title,
    fileName: safeFileName(document.fileName, document.id),
    contentType: safeContentType(document.contentType),
    createdOn: document.createdDate,
    downloadUrl: `${baseUrl}${orderDocumentPath(order.number, document.id)}`,
  };
}
