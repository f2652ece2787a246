"""The `employees` operations, as methods of `EmployeesResource`."""

from typing import Unpack

from ...models.employee import Employee
from ...models.employee_list import EmployeeList
from ...models.employee_response import EmployeeResponse
from ...models.employee_role import EmployeeRole
from ...models.employee_status import EmployeeStatus
from ...types import UNSET, ApiResponse, AsyncPages, Invoker, RequestOptions, Unset
from . import get_employee_by_id as _get_employee_by_id
from . import get_employees as _get_employees


class EmployeesResourceWithRawResponse:
    """The `employees` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_employees(
        self,
        *,
        id: list[str] | Unset = UNSET,
        email: list[str] | Unset = UNSET,
        external_id: list[str] | Unset = UNSET,
        available_role: list[EmployeeRole] | Unset = UNSET,
        username: list[str] | Unset = UNSET,
        status: list[EmployeeStatus] | Unset = UNSET,
        offset: int | Unset = 0,
        limit: int | Unset = 25,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[EmployeeList]:
        """Get employees, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_employees`.
        """
        request = _get_employees._get_kwargs(
            id=id,
            email=email,
            external_id=external_id,
            available_role=available_role,
            username=username,
            status=status,
            offset=offset,
            limit=limit,
            accept_language=accept_language,
        )
        return await self._invoke(request, EmployeeList.from_dict, options)

    async def get_employee_by_id(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Employee]:
        """Get an employee, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_employee_by_id`.
        """
        request = _get_employee_by_id._get_kwargs(
            id,
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: EmployeeResponse.from_dict(payload).data, options)


class EmployeesResource:
    """The `employees` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self.with_raw_response = EmployeesResourceWithRawResponse(invoke)

    def get_employees(
        self,
        *,
        id: list[str] | Unset = UNSET,
        email: list[str] | Unset = UNSET,
        external_id: list[str] | Unset = UNSET,
        available_role: list[EmployeeRole] | Unset = UNSET,
        username: list[str] | Unset = UNSET,
        status: list[EmployeeStatus] | Unset = UNSET,
        offset: int | Unset = 0,
        limit: int | Unset = 25,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[Employee]:
        """Get employees.

        Get employees with filtering, a page at a time. The documentation also lists a flag that
        includes deleted employees, but does not render its name; it is not modelled.

        `GET /employees`

        Args:
            id (list[str] | Unset):
            email (list[str] | Unset):
            external_id (list[str] | Unset):
            available_role (list[EmployeeRole] | Unset):
            username (list[str] | Unset):
            status (list[EmployeeStatus] | Unset):
            offset (int | Unset):  Default: 0.
            limit (int | Unset):  Default: 25.
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            AsyncPages[Employee]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> EmployeeList:
            response = await self.with_raw_response.get_employees(
                id=id,
                email=email,
                external_id=external_id,
                available_role=available_role,
                username=username,
                status=status,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, 0 if isinstance(offset, Unset) else offset)

    async def get_employee_by_id(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Employee:
        """Get an employee.

        `GET /employees/{id}`

        Args:
            id (str):
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            Employee: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        response = await self.with_raw_response.get_employee_by_id(
            id,
            accept_language=accept_language,
            **options,
        )
        return response.data


__all__ = ["EmployeesResource", "EmployeesResourceWithRawResponse"]
